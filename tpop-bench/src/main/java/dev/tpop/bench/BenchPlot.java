package dev.tpop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * bench.png: decode speed of every side (bars) next to a pair's cost over M and over k (lines), the
 * two pictures a reader of the targets needs.
 */
final class BenchPlot {
    private BenchPlot() {}

    static void write(BenchReport report, Path file) {
        CategoryChart rates = new CategoryChartBuilder().width(900).height(450)
                .title("Decode speed, " + report.environment().model()).yAxisTitle("tokens/s").build();
        rates.getStyler().setLegendVisible(false);
        rates.getStyler().setXAxisLabelRotation(20);
        rates.addSeries("tokens/s", report.rates().stream().map(Rate::name).toList(),
                report.rates().stream().map(Rate::tokensPerSecond).toList());
        XYChart scaling = new XYChartBuilder().width(900).height(450).title("tpop pair (base): cost over M")
                .xAxisTitle("M (tokens per arm)").yAxisTitle("ms per pair").build();
        scaling.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        List<ScalingPoint> overM = report.scaling().overM();
        scaling.addSeries("k = " + report.environment().topK() + ", over M", overM.stream().map(ScalingPoint::m).toList(),
                overM.stream().map(ScalingPoint::msPerPair).toList());
        XYChart overK = new XYChartBuilder().width(900).height(450).title("tpop pair (base): cost per token over k")
                .xAxisTitle("k (candidates per token)").yAxisTitle("ms per token").build();
        overK.getStyler().setLegendVisible(false);
        overK.getStyler().setYAxisMin(0.0); // from zero: the differences over k are small next to the noise
        scaling.getStyler().setYAxisMin(0.0);
        List<ScalingPoint> k = report.scaling().overK();
        overK.addSeries("over k", k.stream().map(ScalingPoint::k).toList(), k.stream().map(ScalingPoint::msPerToken).toList());
        List<Chart<?, ?>> charts = List.of(rates, scaling, overK);
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(charts, 3, 1, out, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

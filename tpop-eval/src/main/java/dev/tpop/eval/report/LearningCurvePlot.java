package dev.tpop.eval.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Held-out score against personalization rounds, as a PNG: the picture that shows whether a user's
 * feedback helped, and how it compares with the base model's greedy answers.
 *
 * <p>Rendering is headless ({@code java.awt.headless=true} is set unless the caller chose otherwise)
 * because evaluations run on servers and in CI, where there is no display.
 */
public final class LearningCurvePlot {
    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Curve> curves = new ArrayList<>();
    private final Map<String, Double> baselines = new LinkedHashMap<>();

    public LearningCurvePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** A curve for the default axis titles: rounds and held-out score. */
    public static LearningCurvePlot of(String title) {
        return new LearningCurvePlot(title, "rounds", "held-out score");
    }

    public LearningCurvePlot add(Curve curve) {
        for (Curve c : curves) if (c.name().equals(curve.name())) throw new IllegalArgumentException("duplicate series " + curve.name());
        curves.add(curve);
        return this;
    }

    public LearningCurvePlot addCurve(String name, double[] rounds, double[] scores) {
        return add(new Curve(name, rounds, scores, null));
    }

    /** Mean over seeds with one-standard-deviation error bars. */
    public LearningCurvePlot addCurveOverSeeds(String name, double[] rounds, double[][] scoresBySeed) {
        return add(Curve.overSeeds(name, rounds, scoresBySeed));
    }

    /** A horizontal line across the rounds of all curves, e.g. "base greedy". */
    public LearningCurvePlot addBaseline(String name, double score) {
        baselines.put(name, score);
        return this;
    }

    /** Writes the chart as a PNG of exactly {@code width} x {@code height} pixels, creating parent folders. */
    public void writePng(Path file, int width, int height) throws IOException {
        if (width < 50 || height < 50) throw new IllegalArgumentException("chart too small: " + width + "x" + height);
        XYChart chart = build(width, height);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    XYChart build(int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (Curve c : curves) {
            for (double x : c.rounds()) { min = Math.min(min, x); max = Math.max(max, x); }
        }
        if (min > max) { min = 0; max = 1; }
        if (min == max) max = min + 1;
        for (var b : baselines.entrySet()) {
            XYSeries s = chart.addSeries(b.getKey(), new double[] {min, max}, new double[] {b.getValue(), b.getValue()});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        for (Curve c : curves) {
            XYSeries s = c.spread() == null
                    ? chart.addSeries(c.name(), c.rounds(), c.scores())
                    : chart.addSeries(c.name(), c.rounds(), c.scores(), c.spread());
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        if (curves.isEmpty() && baselines.isEmpty()) {
            throw new IllegalStateException("nothing to plot: add a curve or a baseline");
        }
        return chart;
    }
}

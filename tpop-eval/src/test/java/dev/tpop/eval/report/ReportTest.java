package dev.tpop.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir Path tmp;

    @Test
    void learningCurvePngDecodesAtTheRequestedSize() throws Exception {
        double[] rounds = {0, 10, 20, 30, 40};
        Path png = tmp.resolve("plots/curve.png");
        LearningCurvePlot.of("concise user, SmolLM2-135M")
                .addBaseline("base greedy", 0.2)
                .addCurve("personalized (exploit)", rounds, new double[] {0.2, 0.35, 0.5, 0.55, 0.6})
                .addCurveOverSeeds("over 3 seeds", rounds, new double[][] {
                        {0.2, 0.3, 0.4, 0.5, 0.6}, {0.2, 0.4, 0.5, 0.6, 0.6}, {0.2, 0.2, 0.3, 0.5, 0.7}})
                .writePng(png, 800, 500);
        assertTrue(Files.size(png) > 1000);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "PNG does not decode");
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    @Test
    void curvesValidateAndAggregateOverSeeds() {
        Curve c = Curve.overSeeds("c", new double[] {1, 2}, new double[][] {{1, 2}, {3, 4}});
        assertEquals(2.0, c.scores()[0]);
        assertEquals(Math.sqrt(2), c.spread()[0], 1e-12);
        assertNull(Curve.overSeeds("one", new double[] {1}, new double[][] {{5}}).spread());
        assertThrows(IllegalArgumentException.class, () -> new Curve("bad", new double[] {1, 2}, new double[] {1}, null));
        assertThrows(IllegalArgumentException.class,
                () -> LearningCurvePlot.of("t").addCurve("a", new double[] {1}, new double[] {1}).addCurve("a", new double[] {1}, new double[] {1}));
        assertThrows(IllegalStateException.class, () -> LearningCurvePlot.of("empty").writePng(tmp.resolve("e.png"), 200, 200));
    }

    @Test
    void progressWritesPlainLinesWhenNotATerminal() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Progress p = Progress.start("rounds", 5, lines::add, Duration.ofMillis(5))) {
            for (int i = 0; i < 5; i++) p.step();
            p.message("score 0.5");
            assertEquals(5, p.current());
        }
        assertFalse(lines.isEmpty(), "no progress line written");
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("rounds") && last.contains("5/5"), last);
        for (String l : lines) assertFalse(l.contains("\r"), "carriage return in a log line");
    }
}

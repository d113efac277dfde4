package dev.tpop.eval.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpop.core.duel.Preference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedUsersTest {
    private static final String Q = "How can I get better at running?";

    private static void assertPrefers(String attribute, String better, String worse) {
        SimulatedUser u = SimulatedUsers.create(attribute, 0.0, 1);
        assertEquals(attribute, u.attribute());
        assertTrue(u.score(Q, better) > u.score(Q, worse), attribute + ": " + u.score(Q, better) + " <= " + u.score(Q, worse));
        assertEquals(Preference.FIRST, u.prefer(Q, better, worse), attribute);
        assertEquals(Preference.SECOND, u.prefer(Q, worse, better), attribute);
        assertEquals(Preference.TIE, u.prefer(Q, better, better), attribute);
    }

    @Test
    void conciseAndVerboseOrderByLength() {
        String shortA = "Run three times a week and rest in between.";
        String longA = "Run three times a week, increasing your distance by about ten percent each week. "
                + "Rest in between, sleep well, and add one longer slow run on the weekend to build endurance.";
        assertPrefers("concise", shortA, longA);
        assertPrefers("verbose", longA, shortA);
    }

    @Test
    void verboseRewardsDetailAndStructureAtEqualLength() {
        String repetitive = "run run run run run run run run run run run run";
        String detailed = "pace sleep hydration shoes intervals stretching recovery hills tempo cadence form rest";
        assertPrefers("verbose", detailed, repetitive);
        String plain = "Warm up first. Run easy. Cool down after.";
        String listed = "- Warm up first.\n- Run easy.\n- Cool down after.";
        assertPrefers("verbose", listed, plain);
    }

    @Test
    void upliftingPrefersPositiveSentiment() {
        assertPrefers("uplifting",
                "You can absolutely do this! Every run makes you stronger, and you will love the progress.",
                "Running is hard and most beginners fail. It is painful and boring.");
        assertPrefers("uplifting", "This is a good plan.", "This is not a good plan.");
    }

    @Test
    void creativePrefersVariedFigurativeWording() {
        assertPrefers("creative",
                "Imagine your legs as pistons of a quiet locomotive, humming through misty dawns; each stride whispers "
                        + "like a secret to the pavement, and soon the horizon feels as if it leans toward you.",
                "You should run more. You should run more often. You should run a little more each week and run more.");
    }

    @Test
    void secondaryAttributesOrderTheirPairs() {
        assertPrefers("formal",
                "Consistent training, adequate recovery, and gradual progression constitute the principal recommendations.",
                "Hey, just run a lot lol, it's gonna be awesome!");
        assertPrefers("pleasant",
                "Thank you for asking! I'm glad to help, and I hope this helps you enjoy running.",
                "Running is tiring. You will get injured.");
        assertPrefers("complex",
                "Physiological adaptation necessitates progressive overload, sufficient recuperation, and individualized periodization strategies.",
                "Run a bit. Then rest. Do it again.");
        assertPrefers("sycophantic",
                "Great question! You're absolutely right to ask, that is brilliant. Run a bit more each week.",
                "Run a bit more each week.");
    }

    /** A user whose score is the response length in characters, to control the score gap exactly. */
    private static final class LengthUser extends BtlSimulatedUser {
        LengthUser(double temperature, long seed) {
            super("length", temperature, seed);
        }

        @Override
        public double score(String query, String response) {
            return response.length();
        }
    }

    @Test
    void noiseFlipsAtTheBtlRate() {
        double temperature = 2.0;
        BtlSimulatedUser user = new LengthUser(temperature, 42);
        String a = "xxxxx", b = "xx"; // gap 3
        double expectedFirst = 1 / (1 + Math.exp(-3 / temperature));
        int n = 2000, first = 0;
        for (int i = 0; i < n; i++) {
            Preference p = user.prefer(Q, a, b);
            assertTrue(p == Preference.FIRST || p == Preference.SECOND, "noisy users never tie");
            if (p == Preference.FIRST) first++;
        }
        double sd = Math.sqrt(expectedFirst * (1 - expectedFirst) / n);
        assertEquals(expectedFirst, first / (double) n, 4 * sd, "observed P(first) vs sigmoid(gap/T)");
        assertEquals(expectedFirst, user.probabilityFirst(Q, a, b), 1e-12);
    }

    @Test
    void equalScoresAreACoinFlipWhenNoisy() {
        BtlSimulatedUser user = new LengthUser(1.0, 7);
        int first = 0, n = 2000;
        for (int i = 0; i < n; i++) if (user.prefer(Q, "ab", "cd") == Preference.FIRST) first++;
        assertEquals(0.5, first / (double) n, 4 * Math.sqrt(0.25 / n));
    }

    @Test
    void sameSeedSameChoicesDifferentSeedDifferentChoices() {
        List<Preference> a = draws(SimulatedUsers.create("concise", 1.0, 5));
        List<Preference> b = draws(SimulatedUsers.create("concise", 1.0, 5));
        List<Preference> c = draws(SimulatedUsers.create("concise", 1.0, 6));
        assertEquals(a, b);
        assertTrue(!a.equals(c), "a different seed should give a different sequence");
    }

    private static List<Preference> draws(SimulatedUser u) {
        List<Preference> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) out.add(u.prefer(Q, "one two three", "one two three four"));
        return out;
    }

    @Test
    void factoryIsCaseInsensitiveAndRejectsUnknownNamesListingValidOnes() {
        assertInstanceOf(ConciseUser.class, SimulatedUsers.create(" Concise ", 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulatedUsers.create("funny", 0, 0));
        for (String name : List.of("creative", "verbose", "concise", "uplifting", "formal", "pleasant", "complex", "sycophantic")) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SimulatedUsers.create("concise", -1, 0));
        assertThrows(IllegalArgumentException.class, () -> SimulatedUsers.create("concise", Double.NaN, 0));
    }

    @Test
    void pluggedInUsersAreFoundByServiceLoader() {
        assertTrue(SimulatedUsers.attributes().contains("shouty"));
        SimulatedUser u = SimulatedUsers.create("shouty", 0, 3);
        assertEquals("shouty", u.attribute());
        assertEquals(Preference.FIRST, u.prefer(Q, "RUN FAST!", "run fast"));
    }
}

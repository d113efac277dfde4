package dev.tpop.eval.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Golden values from vaderSentiment 3.3.2 (Python), printed with its own 4-digit rounding. */
class VaderSentimentTest {
    private static final Object[][] GOLDEN = {
            {"VADER is smart, handsome, and funny.", 0.8316},
            {"VADER is smart, handsome, and funny!", 0.8439},
            {"VADER is very smart, handsome, and funny.", 0.8545},
            {"VADER is VERY SMART, handsome, and FUNNY.", 0.9227},
            {"VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342},
            {"VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.9469},
            {"VADER is not smart, handsome, nor funny.", -0.7424},
            {"The book was good.", 0.4404},
            {"At least it isn't a horrible book.", 0.431},
            {"The book was only kind of good.", 0.3832},
            {"The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042},
            {"Today SUX!", -0.5461},
            {"Today only kinda sux! But I'll get by, lol", 0.5249},
            {"Make sure you :) or :D today!", 0.8633},
            {"Not bad at all", 0.431},
            {"Sentiment analysis has never been good.", -0.3412},
            {"Sentiment analysis has never been this good!", 0.5672},
            {"Most automated sentiment analysis tools are shit.", -0.5574},
            {"With VADER, sentiment analysis is the shit!", 0.6476},
            {"Other sentiment analysis tools can be quite bad.", -0.5849},
            {"On the other hand, VADER is quite bad ass", 0.802},
            {"VADER is such a badass!", 0.4003},
            {"Without a doubt, excellent idea.", 0.7013},
            {"Roger Dodger is one of the most compelling variations on this theme.", 0.2944},
            {"Roger Dodger is at least compelling as a variation on the theme.", 0.2263},
            {"Roger Dodger is one of the least compelling variations on this theme.", -0.1695},
            {"Not such a badass after all.", -0.2584},
            {"Without a doubt, an excellent idea.", 0.7013},
            {"It was one of the worst movies I've seen, despite good reviews. Unbelievably bad acting!! Poor direction. VERY poor production. The movie was bad. Very bad movie. VERY BAD movie!", -0.9864},
            {"Is this really what you wanted??", 0.0},
            {"There is no good answer to that.", -0.3412},
            {"You can do it! Keep going, you are wonderful and I believe in you.", 0.6114},
            {"The capital of France is Paris.", 0.0},
            {"I hate this, it is terrible and awful.", -0.8689},
    };

    @Test
    void matchesThePythonReference() {
        VaderSentiment vader = VaderSentiment.instance();
        for (Object[] row : GOLDEN) {
            String text = (String) row[0];
            double expected = ((Number) row[1]).doubleValue();
            assertEquals(expected, vader.compound(text), 6e-5, text);
        }
    }

    @Test
    void lexiconIsTheVendoredOne() {
        assertEquals(7506, VaderSentiment.instance().lexiconSize(), "vader_lexicon.txt of vaderSentiment 3.3.2");
    }

    @Test
    void emptyAndNullAreNeutral() {
        assertEquals(0.0, VaderSentiment.instance().compound(""));
        assertEquals(0.0, VaderSentiment.instance().compound(null));
        assertTrue(VaderSentiment.instance().compound("good good good good good good good good good") < 1.0);
    }
}

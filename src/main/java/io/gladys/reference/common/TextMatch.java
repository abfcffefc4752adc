package io.gladys.reference.common;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The reference stack's notion of "this heuristic matches this event": the share of the
 * heuristic's condition words that occur in the event text. Simple, deterministic, explainable.
 */
public final class TextMatch {

    /** A heuristic matches an event when at least this share of its condition words occurs in it. */
    public static final float MATCH_THRESHOLD = 0.5f;

    private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "to", "of", "in", "on", "at", "is", "it",
            "and", "or", "for", "with", "my", "me", "i", "you", "be", "was", "are", "this", "that");

    private TextMatch() {
    }

    public static Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null) {
            return out;
        }
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 1 && !STOP_WORDS.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** Share of the condition's words found in the event (0 when the condition has none). */
    public static float similarity(String condition, Set<String> eventWords) {
        Set<String> c = words(condition);
        if (c.isEmpty()) {
            return 0f;
        }
        int found = 0;
        for (String w : c) {
            if (eventWords.contains(w)) {
                found++;
            }
        }
        return (float) found / c.size();
    }
}

package dev.tpop.llm.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a stream of token ids into text deltas that never split a UTF-8 sequence. A byte-level BPE
 * token may end in the middle of a multi-byte character (an emoji is often 2-4 tokens), so decoding
 * tokens one at a time would print U+FFFD; instead we hold back an incomplete tail until the token
 * that completes it arrives. The deltas concatenate exactly to {@link Tokenizer#decode(int[])} of all
 * ids fed (bytes that can never become valid UTF-8 are passed on at once, as U+FFFD, the same way
 * decode would render them). Not thread-safe: one instance per generation stream.
 */
public final class Utf8StreamDecoder {
    private final Tokenizer tokenizer;
    private byte[] pending = new byte[8];
    private int pendingLen;

    public Utf8StreamDecoder(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds one token and returns the text that is now complete (possibly ""). */
    public String accept(int tokenId) {
        byte[] b = tokenizer.tokenBytesUnsafe(tokenId);
        if (pendingLen + b.length > pending.length) pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLen + b.length));
        System.arraycopy(b, 0, pending, pendingLen, b.length);
        pendingLen += b.length;
        int complete = pendingLen - incompleteTail(pending, pendingLen);
        String text = new String(pending, 0, complete, StandardCharsets.UTF_8);
        System.arraycopy(pending, complete, pending, 0, pendingLen - complete);
        pendingLen -= complete;
        return text;
    }

    /** Returns whatever is still held back (rendered with U+FFFD if incomplete) and resets. */
    public String flush() {
        String text = new String(pending, 0, pendingLen, StandardCharsets.UTF_8);
        pendingLen = 0;
        return text;
    }

    /** Whether bytes are held back waiting for the rest of a character. */
    public boolean hasPending() { return pendingLen > 0; }

    /**
     * Length of a trailing UTF-8 sequence that is a valid but unfinished prefix (0 if none): a lead
     * byte followed by fewer continuation bytes than it announces. Anything else is decoded now.
     */
    static int incompleteTail(byte[] buf, int len) {
        for (int back = 1; back <= Math.min(3, len); back++) {
            int c = buf[len - back] & 0xFF;
            if ((c & 0xC0) == 0x80) continue; // continuation byte: keep looking for the lead
            int need = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? (c < 0xF0 ? 3 : 0) : c >= 0xC2 ? 2 : 0;
            if (need == 0 || back >= need) return 0;
            if (!validPrefix(buf, len - back, back, c)) return 0;
            return back;
        }
        return 0;
    }

    /** Checks the second byte's range the way a UTF-8 decoder does (no overlongs, no surrogates). */
    private static boolean validPrefix(byte[] buf, int at, int n, int lead) {
        if (n < 2) return true;
        int second = buf[at + 1] & 0xFF;
        int lo = 0x80, hi = 0xBF;
        if (lead == 0xE0) lo = 0xA0;
        else if (lead == 0xED) hi = 0x9F;
        else if (lead == 0xF0) lo = 0x90;
        else if (lead == 0xF4) hi = 0x8F;
        return second >= lo && second <= hi;
    }
}

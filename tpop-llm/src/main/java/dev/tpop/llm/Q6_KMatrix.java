package dev.tpop.llm;

import dev.tpop.llm.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Q6_K: super-blocks of 256 weights in 210 bytes: 128 bytes of low nibbles {@code ql}, 64 bytes of
 * high 2-bit pairs {@code qh}, 16 signed 8-bit scales (one per 16 weights), then f16 {@code d};
 * {@code w = d * scale * (q - 32)}. Scalar decode, as in ggml's reference {@code dequantize_row_q6_K}.
 */
final class Q6_KMatrix extends WeightMatrix {
    Q6_KMatrix(MemorySegment data, int rows, int cols) {
        super(data, rows, cols, GgmlType.Q6_K.bytesFor(cols));
    }

    @Override
    public GgmlType type() { return GgmlType.Q6_K; }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = row * rowBytes;
        for (int b = 0; b < cols / 256; b++) {
            long o = base + b * 210L;
            float d = f16(data, o + 208);
            long ql = o, qh = o + 128, sc = o + 192;
            int at = offset + b * 256;
            for (int n = 0; n < 256; n += 128) {
                for (int l = 0; l < 32; l++) {
                    int is = l / 16;
                    int lo0 = u8(ql + l), lo1 = u8(ql + l + 32), h = u8(qh + l);
                    int q1 = ((lo0 & 0x0F) | ((h & 3) << 4)) - 32;
                    int q2 = ((lo1 & 0x0F) | (((h >> 2) & 3) << 4)) - 32;
                    int q3 = ((lo0 >>> 4) | (((h >> 4) & 3) << 4)) - 32;
                    int q4 = ((lo1 >>> 4) | (((h >> 6) & 3) << 4)) - 32;
                    out[at + n + l] = d * s8(sc + is) * q1;
                    out[at + n + l + 32] = d * s8(sc + is + 2) * q2;
                    out[at + n + l + 64] = d * s8(sc + is + 4) * q3;
                    out[at + n + l + 96] = d * s8(sc + is + 6) * q4;
                }
                ql += 64;
                qh += 32;
                sc += 8;
            }
        }
    }

    private int u8(long at) { return data.get(ValueLayout.JAVA_BYTE, at) & 0xFF; }

    private int s8(long at) { return data.get(ValueLayout.JAVA_BYTE, at); }
}

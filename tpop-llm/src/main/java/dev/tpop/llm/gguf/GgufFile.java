package dev.tpop.llm.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A memory-mapped GGUF file (v2/v3): its metadata, its tensor table, and its tensor data as one
 * {@link MemorySegment}. Mapping instead of reading keeps start-up fast and lets quantized weights
 * stay packed; the segment lives as long as this object (close it to unmap).
 */
public final class GgufFile implements AutoCloseable {
    private static final int MAGIC = 0x46554747; // "GGUF" little-endian
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final Arena arena;
    private final MemorySegment file;
    private final int version;
    private final Map<String, Object> metadata;
    private final Map<String, GgufTensorInfo> tensors;
    private final long dataStart;
    private long pos;

    private GgufFile(Path path) throws IOException {
        this.path = path;
        this.arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            this.file = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
        }
        if (file.byteSize() < 24 || file.get(I32, 0) != MAGIC) {
            arena.close();
            throw new GgufException(path + " is not a GGUF file (bad magic number)");
        }
        pos = 4;
        version = readI32();
        if (version < 2 || version > 3) {
            arena.close();
            throw new GgufException(path + " has GGUF version " + version + "; tpop reads versions 2 and 3");
        }
        try {
            long tensorCount = readI64();
            long kvCount = readI64();
            if (tensorCount < 0 || kvCount < 0 || tensorCount > 1_000_000 || kvCount > 1_000_000) {
                throw new GgufException(path + " has an implausible header (corrupt file?)");
            }
            Map<String, Object> md = new LinkedHashMap<>();
            for (long i = 0; i < kvCount; i++) {
                String key = readString();
                md.put(key, readValue(readI32()));
            }
            metadata = Collections.unmodifiableMap(md);
            long alignment = md.get("general.alignment") instanceof Number n ? n.longValue() : 32;
            List<Object[]> raw = new ArrayList<>();
            for (long i = 0; i < tensorCount; i++) {
                String name = readString();
                int nDims = readI32();
                if (nDims < 1 || nDims > 4) throw new GgufException("tensor '" + name + "' has " + nDims + " dimensions");
                long[] shape = new long[nDims];
                for (int d = 0; d < nDims; d++) shape[d] = readI64();
                int typeId = readI32();
                long offset = readI64();
                raw.add(new Object[] {name, shape, typeId, offset});
            }
            dataStart = (pos + alignment - 1) / alignment * alignment;
            Map<String, GgufTensorInfo> t = new LinkedHashMap<>();
            for (Object[] r : raw) {
                String name = (String) r[0];
                GgmlType type = GgmlType.ofId((Integer) r[2], name);
                GgufTensorInfo info = new GgufTensorInfo(name, (long[]) r[1], type, (Long) r[3]);
                if (dataStart + info.offset() + info.byteSize() > file.byteSize()) {
                    throw new GgufException(path + " is truncated: tensor '" + name + "' extends past the end of the file");
                }
                t.put(name, info);
            }
            tensors = Collections.unmodifiableMap(t);
        } catch (IndexOutOfBoundsException e) {
            arena.close();
            throw new GgufException(path + " is truncated or corrupt (header runs past the end of the file)", e);
        } catch (GgufException e) {
            arena.close();
            throw e;
        }
    }

    /** Opens and maps {@code path}; every failure is a {@link GgufException} that names the file. */
    public static GgufFile open(Path path) {
        if (!Files.exists(path)) {
            throw new GgufException("model file not found: " + path + " (run scripts/setup.sh for the default model, or pass --model PATH)");
        }
        if (Files.isDirectory(path)) throw new GgufException("model path is a directory, not a GGUF file: " + path);
        try {
            return new GgufFile(path);
        } catch (NoSuchFileException e) {
            throw new GgufException("model file not found: " + path, e);
        } catch (IOException e) {
            throw new GgufException("cannot read model file " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() { return path; }

    public int version() { return version; }

    public Map<String, Object> metadata() { return metadata; }

    public Map<String, GgufTensorInfo> tensors() { return tensors; }

    /** The tensor's bytes, a view into the mapped file. */
    public MemorySegment tensorData(GgufTensorInfo info) {
        return file.asSlice(dataStart + info.offset(), info.byteSize());
    }

    public GgufTensorInfo tensor(String name) {
        GgufTensorInfo info = tensors.get(name);
        if (info == null) throw new GgufException(path + " has no tensor '" + name + "'");
        return info;
    }

    public String getString(String key) {
        Object v = metadata.get(key);
        if (v == null) throw new GgufException(path + " lacks metadata key '" + key + "'");
        return v.toString();
    }

    public int getInt(String key) {
        Object v = metadata.get(key);
        if (!(v instanceof Number n)) throw new GgufException(path + " lacks numeric metadata key '" + key + "'");
        return n.intValue();
    }

    public int getInt(String key, int fallback) {
        return metadata.get(key) instanceof Number n ? n.intValue() : fallback;
    }

    public float getFloat(String key, float fallback) {
        return metadata.get(key) instanceof Number n ? n.floatValue() : fallback;
    }

    @Override
    public void close() {
        arena.close();
    }

    private int readI32() { int v = file.get(I32, pos); pos += 4; return v; }

    private long readI64() { long v = file.get(I64, pos); pos += 8; return v; }

    private String readString() {
        long len = readI64();
        if (len < 0 || len > Integer.MAX_VALUE || pos + len > file.byteSize()) {
            throw new GgufException(path + " is corrupt: a string of length " + len + " at offset " + pos);
        }
        byte[] b = file.asSlice(pos, len).toArray(ValueLayout.JAVA_BYTE);
        pos += len;
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Scalars become boxed Java values; arrays become {@code List}s, except numeric arrays become primitive arrays. */
    private Object readValue(int type) {
        return switch (type) {
            case 0 -> file.get(ValueLayout.JAVA_BYTE, pos++) & 0xFF;
            case 1 -> (int) file.get(ValueLayout.JAVA_BYTE, pos++);
            case 2 -> { int v = file.get(I16, pos) & 0xFFFF; pos += 2; yield v; }
            case 3 -> { int v = file.get(I16, pos); pos += 2; yield v; }
            case 4, 5 -> readI32();
            case 6 -> { float v = file.get(F32, pos); pos += 4; yield v; }
            case 7 -> file.get(ValueLayout.JAVA_BYTE, pos++) != 0;
            case 8 -> readString();
            case 9 -> readArray();
            case 10, 11 -> readI64();
            case 12 -> { double v = file.get(F64, pos); pos += 8; yield v; }
            default -> throw new GgufException(path + " is corrupt: unknown metadata value type " + type);
        };
    }

    private Object readArray() {
        int elemType = readI32();
        long n = readI64();
        // Every element takes at least this many bytes, so a corrupt length fails here, not as an OutOfMemoryError.
        long minBytes = switch (elemType) {
            case 0, 1, 7 -> 1;
            case 2, 3 -> 2;
            case 4, 5, 6 -> 4;
            default -> 8;
        };
        if (n < 0 || n > Integer.MAX_VALUE || n > (file.byteSize() - pos) / minBytes) {
            throw new GgufException(path + " is corrupt: array of length " + n + " at offset " + pos);
        }
        int len = (int) n;
        switch (elemType) {
            case 4, 5 -> {
                int[] a = new int[len];
                for (int i = 0; i < len; i++) a[i] = readI32();
                return a;
            }
            case 6 -> {
                float[] a = new float[len];
                for (int i = 0; i < len; i++) { a[i] = file.get(F32, pos); pos += 4; }
                return a;
            }
            default -> {
                List<Object> list = new ArrayList<>(len);
                for (int i = 0; i < len; i++) list.add(readValue(elemType));
                return Collections.unmodifiableList(list);
            }
        }
    }
}

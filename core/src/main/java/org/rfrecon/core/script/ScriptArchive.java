package org.rfrecon.core.script;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript archive (what {@code torch.jit.save} writes and {@code torch::jit::load} reads) for
 * a module without parameters, written from its source: the module's class and free functions in
 * {@code code/__torch__.py}, an empty constants table, and a pickled instance whose only attribute
 * is {@code training}. libtorch compiles the source when it loads the archive.
 *
 * <p>The format: a zip of stored (uncompressed) entries under one top folder; {@code version} is
 * the file-format version (3, the version {@code torch.jit.save} writes for code that uses no
 * operator whose meaning changed since, so no upgrader applies), {@code constants.pkl} a pickled
 * empty tuple and {@code data.pkl} the pickle (protocol 2) of {@code __torch__.<class>()} with
 * {@code training = False}.
 */
final class ScriptArchive {

    private static final String ROOT = "rfrecon/";

    private ScriptArchive() {}

    /**
     * The archive of a module class {@code className} defined, with any free functions it calls, by
     * {@code source} (TorchScript's serialised Python subset: every argument annotated, free
     * functions called as {@code __torch__.name}).
     */
    static byte[] of(String className, String source) {
        if (!className.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a class name: " + className);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "version", "3\n".getBytes(StandardCharsets.US_ASCII));
            stored(zip, "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(zip, "data.pkl", instance(className));
            stored(zip, "code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: not reached
        }
        return bytes.toByteArray();
    }

    /** The pickle of {@code __torch__.<className>} with {@code training = False}. */
    private static byte[] instance(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80); // PROTO 2
        p.write(2);
        byte[] global = ("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII);
        p.write(global, 0, global.length); // GLOBAL module name
        p.write(')'); // EMPTY_TUPLE
        p.write(0x81); // NEWOBJ
        p.write('}'); // EMPTY_DICT
        p.write('('); // MARK
        byte[] name = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X'); // BINUNICODE, 4-byte little-endian length
        p.write(name.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.write(name, 0, name.length);
        p.write(0x89); // NEWFALSE
        p.write('u'); // SETITEMS
        p.write('b'); // BUILD
        p.write('.'); // STOP
        return p.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(ROOT + name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}

package io.faultline.mapreduce.lab;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic pseudo-English text, a pure function of the seed: a vocabulary of made-up words
 * drawn with a Zipf-like frequency, sentences with capitals and punctuation, numbers, possessives
 * and a few non-ASCII letters, wrapped into lines and paragraphs. It stands in for the 6.5840
 * Gutenberg inputs (same file names and sizes), which are not downloaded.
 */
public final class TextCorpus {
    /** The 6.5840 input names and sizes in bytes (spec §3.1). */
    public static final Map<String, Integer> LAB_FILES = labFiles();
    static final int VOCABULARY_SIZE = 6000;
    private static final String[] ONSETS = {"", "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "w",
        "th", "sh", "ch", "st", "br", "gr", "pl", "wh", "qu", "str"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ea", "ou", "ai", "ee", "oo", "y", "é", "ï"};
    private static final String[] CODAS = {"", "", "n", "r", "s", "t", "d", "ll", "ng", "ck", "st", "nd", "m"};
    private static final int LINE_CHARS_MAX = 72;

    private final Rng rng;
    private final String[] words = new String[VOCABULARY_SIZE];
    private final double[] cumulative = new double[VOCABULARY_SIZE];

    public TextCorpus(long seed) {
        this.rng = new Rng(seed);
        Rng vocab = rng.fork("vocabulary");
        double total = 0;
        for (int i = 0; i < VOCABULARY_SIZE; i++) {
            words[i] = makeWord(vocab, i);
            total += 1.0 / (i + 1);
            cumulative[i] = total;
        }
        for (int i = 0; i < VOCABULARY_SIZE; i++) {
            cumulative[i] /= total;
        }
    }

    /** Writes the eight lab files ({@code pg-*.txt}) into {@code dir}, each {@code scale} times its lab size. */
    public static List<Path> writeLabFiles(Path dir, long seed, double scale) throws IOException {
        Check.that(scale > 0 && scale <= 1000, "scale %s outside (0, 1000]", scale);
        TextCorpus corpus = new TextCorpus(seed);
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : LAB_FILES.entrySet()) {
            Path p = dir.resolve(e.getKey());
            corpus.writeFile(p, (long) (e.getValue() * scale));
            out.add(p);
        }
        return out;
    }

    /** Writes about {@code sizeBytes} bytes of text (UTF-8) to {@code file}. */
    public void writeFile(Path file, long sizeBytes) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            StringBuilder line = new StringBuilder(LINE_CHARS_MAX + 32);
            long written = 0;
            boolean sentenceStart = true;
            while (written < sizeBytes) {
                String w = nextToken(sentenceStart);
                sentenceStart = false;
                if (line.length() + w.length() + 1 > LINE_CHARS_MAX) {
                    written += flushLine(out, line, rng.chance(0.08));
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(w);
                if (rng.chance(0.09)) {
                    line.append(".!?;".charAt(rng.nextInt(4)));
                    sentenceStart = true;
                } else if (rng.chance(0.07)) {
                    line.append(',');
                }
            }
            if (line.length() > 0) {
                flushLine(out, line, false);
            }
        }
    }

    private String nextToken(boolean sentenceStart) {
        double roll = rng.nextDouble();
        if (roll < 0.01) {
            return Integer.toString((int) rng.between(1, 2000));
        }
        String w = words[pick(rng.nextDouble())];
        if (roll < 0.03) {
            w = w + "'s";
        }
        if (sentenceStart || roll > 0.985) {
            w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
        }
        return w;
    }

    private int pick(double u) {
        int lo = 0;
        int hi = VOCABULARY_SIZE - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long flushLine(OutputStream out, StringBuilder line, boolean paragraphEnd) throws IOException {
        line.append('\n');
        if (paragraphEnd) {
            line.append('\n');
        }
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        line.setLength(0);
        return bytes.length;
    }

    private static String makeWord(Rng r, int rank) {
        int syllables = rank < 50 ? 1 : 1 + (int) Math.min(3, r.nextInt(3) + rank / 2000);
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < syllables; s++) {
            sb.append(ONSETS[r.nextInt(ONSETS.length)]);
            String v = VOWELS[r.nextInt(VOWELS.length)];
            if (v.charAt(0) > 127 && rank < 200) {
                v = "e";
            }
            sb.append(v);
            sb.append(CODAS[r.nextInt(CODAS.length)]);
        }
        return sb.toString();
    }

    private static Map<String, Integer> labFiles() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("pg-being_ernest.txt", 138_885);
        m.put("pg-dorian_gray.txt", 453_168);
        m.put("pg-frankenstein.txt", 441_033);
        m.put("pg-grimm.txt", 540_174);
        m.put("pg-huckleberry_finn.txt", 594_262);
        m.put("pg-metamorphosis.txt", 139_054);
        m.put("pg-sherlock_holmes.txt", 581_863);
        m.put("pg-tom_sawyer.txt", 412_665);
        return java.util.Collections.unmodifiableMap(m);
    }
}

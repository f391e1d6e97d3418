package org.rfrecon.datasets.npy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dictionary of an NPY header: a Python literal such as {@code {'descr': '<c8',
 * 'fortran_order': False, 'shape': (2, 3), }}. The parser accepts exactly the literals NumPy writes
 * (quoted strings, True/False, tuples of non-negative integers) and nothing else.
 *
 * @param descr the dtype string
 * @param fortranOrder whether the data is in Fortran order
 * @param shape the shape
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

    /** Formats the header dictionary as NumPy does (without padding). */
    String format() {
        return "{'descr': '"
                + descr
                + "', 'fortran_order': "
                + (fortranOrder ? "True" : "False")
                + ", 'shape': "
                + HostArray.shapeString(shape)
                + ", }";
    }

    /**
     * Parses a header dictionary.
     *
     * @throws IllegalArgumentException with a short reason if it does not parse
     */
    static NpyHeader parse(String text) {
        Parser p = new Parser(text);
        Map<String, Object> d = p.dict();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("trailing characters after the dictionary");
        }
        Object descr = d.get("descr");
        Object fortran = d.get("fortran_order");
        Object shape = d.get("shape");
        if (!(descr instanceof String)) {
            throw new IllegalArgumentException("'descr' is missing or not a string");
        }
        if (!(fortran instanceof Boolean)) {
            throw new IllegalArgumentException("'fortran_order' is missing or not True/False");
        }
        if (!(shape instanceof long[])) {
            throw new IllegalArgumentException("'shape' is missing or not a tuple of integers");
        }
        if (d.size() != 3) {
            throw new IllegalArgumentException("unexpected keys " + d.keySet());
        }
        return new NpyHeader((String) descr, (Boolean) fortran, (long[]) shape);
    }

    /**
     * Thrown when {@code descr} is a field list: a structured (record) dtype, plain or nested,
     * which rfrecon does not read. The message is the list's text (shortened to 80 characters).
     */
    static final class StructuredDtype extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        StructuredDtype(String descr) {
            super(descr);
        }
    }

    /** A recursive-descent parser for the literal subset above. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Object> dict() {
            skipSpace();
            expect('{');
            Map<String, Object> out = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return out;
                }
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                if (out.put(key, value()) != null) {
                    throw new IllegalArgumentException("duplicate key '" + key + "'");
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' at " + pos);
                }
            }
        }

        Object value() {
            char c = peek();
            if (c == '[') {
                throw new StructuredDtype(list());
            }
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("unexpected value at " + pos);
        }

        /**
         * The text of a bracketed list (a structured dtype's field list, possibly nested), matched
         * bracket for bracket outside quotes.
         */
        String list() {
            int start = pos;
            int depth = 0;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\'' || c == '"') {
                    int end = s.indexOf(c, pos + 1);
                    if (end < 0) {
                        break;
                    }
                    pos = end;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || c == ')') {
                    depth--;
                    if (depth == 0) {
                        pos++;
                        return shorten(s.substring(start, pos));
                    }
                }
                pos++;
            }
            return shorten(s.substring(start));
        }

        private static String shorten(String t) {
            return t.length() <= 80 ? t : t.substring(0, 77) + "...";
        }

        long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == ')') {
                    pos++;
                    break;
                }
                dims.add(integer());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ')') {
                    throw new IllegalArgumentException("expected ',' or ')' at " + pos);
                }
            }
            long[] out = new long[dims.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = dims.get(i);
            }
            return out;
        }

        long integer() {
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos)) && pos - start < 18) {
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException("expected a non-negative integer at " + pos);
            }
            long v = Long.parseLong(s.substring(start, pos));
            if (peek() == 'L') {
                pos++; // Python 2 long suffix, still found in old files
            }
            return v;
        }

        String string() {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw new IllegalArgumentException("expected a quoted string at " + pos);
            }
            int end = s.indexOf(q, pos + 1);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated string at " + pos);
            }
            String out = s.substring(pos + 1, end);
            pos = end + 1;
            return out;
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + pos);
            }
            pos++;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        void skipSpace() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }
    }
}

package io.gladys.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The suite's results: a console summary, and a JUnit XML report that CI systems show. */
public record ContractReport(List<CheckResult> results) {

    public long passed() {
        return results.stream().filter(CheckResult::passed).count();
    }

    public long failed() {
        return results.stream().filter(r -> !r.passed() && !r.skipped()).count();
    }

    public long skipped() {
        return results.stream().filter(CheckResult::skipped).count();
    }

    public List<String> text() {
        List<String> out = new ArrayList<>();
        out.add("GLADyS contract suite");
        out.add("=====================");
        String group = null;
        for (CheckResult r : results) {
            if (!r.group().equals(group)) {
                group = r.group();
                out.add("");
                out.add(group + ":");
            }
            String mark = r.skipped() ? "-" : r.passed() ? "✅" : "❌";
            out.add("  " + mark + " " + r.name() + (r.skipped() ? " (skipped: " + r.saw() + ")" : ""));
            if (!r.skipped() && !r.passed()) {
                out.add("       saw: " + r.saw());
            }
        }
        out.add("");
        out.add(passed() + " passed, " + failed() + " failed" + (skipped() > 0 ? ", " + skipped() + " skipped" : ""));
        return out;
    }

    /** Writes target/.../TEST-gladys-contract.xml in the format surefire writes. */
    public Path writeJUnitXml(Path dir) throws IOException {
        Files.createDirectories(dir);
        double total = results.stream().mapToLong(r -> r.took().toMillis()).sum() / 1000.0;
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append(String.format(Locale.ROOT, "<testsuite name=\"gladys-contract\" tests=\"%d\" failures=\"%d\" "
                + "errors=\"0\" skipped=\"%d\" time=\"%.3f\">%n", results.size(), failed(), skipped(), total));
        for (CheckResult r : results) {
            x.append(String.format(Locale.ROOT, "  <testcase classname=\"gladys.contract.%s\" name=\"%s\" time=\"%.3f\"",
                    escape(r.group()), escape(r.name()), r.took().toMillis() / 1000.0));
            if (r.skipped()) {
                x.append(">\n    <skipped message=\"").append(escape(r.saw())).append("\"/>\n  </testcase>\n");
            } else if (!r.passed()) {
                x.append(">\n    <failure message=\"").append(escape(r.saw())).append("\">")
                        .append(escape(r.saw())).append("</failure>\n  </testcase>\n");
            } else {
                x.append(">\n    <system-out>").append(escape(r.saw())).append("</system-out>\n  </testcase>\n");
            }
        }
        x.append("</testsuite>\n");
        Path file = dir.resolve("TEST-gladys-contract.xml");
        Files.writeString(file, x, StandardCharsets.UTF_8);
        return file;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}

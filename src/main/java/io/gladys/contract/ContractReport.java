package io.gladys.contract;

import io.gladys.config.PropertyNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The suite's results: a console summary, and a JUnit XML report that CI systems show the same way.
 *
 * @param strict whether recommended checks were held as required ones (their misses are failures)
 */
public record ContractReport(List<CheckResult> results, boolean strict) {

    public long passed() {
        return count(CheckResult::passed);
    }

    public long failed() {
        return count(CheckResult::failed);
    }

    public long skipped() {
        return count(CheckResult::skipped);
    }

    /** Recommended checks that did not hold (never counted as failed unless strict). */
    public long warnings() {
        return count(CheckResult::warning);
    }

    private long count(java.util.function.Predicate<CheckResult> p) {
        return results.stream().filter(p).count();
    }

    /** The closing line: {@code N passed, N failed, N skipped}, and the warnings when there are any. */
    public String summary() {
        return passed() + " passed, " + failed() + " failed, " + skipped() + " skipped"
                + (warnings() > 0 ? ", " + warnings() + (warnings() == 1 ? " warning" : " warnings") : "");
    }

    public List<String> text() {
        List<String> out = new ArrayList<>();
        out.add("GLADyS contract suite" + (strict ? " (strict: recommended checks are required)" : ""));
        out.add("=====================");
        String group = null;
        for (CheckResult r : results) {
            if (!r.group().equals(group)) {
                group = r.group();
                out.add("");
                out.add(group + ":");
            }
            String mark = switch (r.outcome()) {
                case PASSED -> "✅";
                case FAILED -> "❌";
                case WARNING -> "⚠️";
                case SKIPPED -> "-";
            };
            out.add("  " + mark + " [" + r.tier().label() + "] " + r.name()
                    + (r.skipped() ? " (skipped: " + r.saw() + ")" : ""));
            if (r.failed() || r.warning()) {
                out.add("       saw: " + r.saw());
            }
        }
        out.add("");
        if (warnings() > 0) {
            out.add("Warnings are recommended checks (the design document's advice) that do not hold; "
                    + "-D" + PropertyNames.TEST_STRICT + "=true makes them failures.");
        }
        out.add(summary());
        return out;
    }

    /**
     * Writes TEST-gladys-contract.xml in the format surefire writes. The tier is the test case's class
     * (gladys.contract.required.health, gladys.contract.recommended.health), so CI servers group by it; a
     * warning is a skipped test case whose message starts with "warning", as CI servers show skips with
     * their message and never as failures.
     */
    public Path writeJUnitXml(Path dir) throws IOException {
        Files.createDirectories(dir);
        double total = results.stream().mapToLong(r -> r.took().toMillis()).sum() / 1000.0;
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append(String.format(Locale.ROOT, "<testsuite name=\"gladys-contract\" tests=\"%d\" failures=\"%d\" "
                + "errors=\"0\" skipped=\"%d\" time=\"%.3f\">%n", results.size(), failed(), skipped() + warnings(),
                total));
        x.append("  <properties>\n");
        x.append("    <property name=\"" + PropertyNames.TEST_STRICT + "\" value=\"").append(strict).append("\"/>\n");
        x.append("    <property name=\"gladys.contract.warnings\" value=\"").append(warnings()).append("\"/>\n");
        x.append("    <property name=\"gladys.contract.skipped\" value=\"").append(skipped()).append("\"/>\n");
        x.append("  </properties>\n");
        for (CheckResult r : results) {
            x.append(String.format(Locale.ROOT, "  <testcase classname=\"gladys.contract.%s.%s\" name=\"%s\" time=\"%.3f\"",
                    r.tier().label(), escape(r.group()), escape(r.name()), r.took().toMillis() / 1000.0));
            switch (r.outcome()) {
                case SKIPPED -> x.append(">\n    <skipped message=\"").append(escape(r.saw())).append("\"/>\n  </testcase>\n");
                case WARNING -> x.append(">\n    <skipped message=\"warning: recommended, not met: ").append(escape(r.saw()))
                        .append("\"/>\n  </testcase>\n");
                case FAILED -> x.append(">\n    <failure message=\"").append(escape(r.saw())).append("\">")
                        .append(escape(r.saw())).append("</failure>\n  </testcase>\n");
                case PASSED -> x.append(">\n    <system-out>").append(escape(r.saw())).append("</system-out>\n  </testcase>\n");
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

package io.gladys.contract;

import io.gladys.grpc.GrpcChannels;
import io.gladys.reference.gateway.BrokenFlushGateway;
import io.gladys.testing.InJvmStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract suite against the reference stack (green) and against a deliberately broken gateway (red). */
class ContractSuiteTest {

    @TempDir
    Path dir;

    @Test
    void theReferenceStackHonoursEveryContract() throws Exception {
        try (InJvmStack stack = new InJvmStack(dir, Map.of()); GrpcChannels channels = new GrpcChannels()) {
            ContractReport report = new ContractSuite(stack.targets(), channels, Duration.ofSeconds(5), false).run();
            report.text().forEach(System.out::println);
            assertThat(report.failed()).isZero();
            assertThat(report.skipped()).isZero();
            assertThat(report.passed()).isEqualTo(report.results().size()).isGreaterThanOrEqualTo(19);
            assertThat(report.text()).last().asString().isEqualTo(report.passed() + " passed, 0 failed");

            Path xml = report.writeJUnitXml(dir.resolve("reports"));
            String content = Files.readString(xml);
            assertThat(content).contains("<testsuite name=\"gladys-contract\" tests=\"" + report.results().size()
                    + "\" failures=\"0\"").doesNotContain("<failure");

            ContractReport readOnly = new ContractSuite(stack.targets(), channels, Duration.ofSeconds(5), true).run();
            assertThat(readOnly.failed()).isZero();
            assertThat(readOnly.results()).filteredOn(CheckResult::skipped)
                    .allSatisfy(r -> assertThat(r.name()).endsWith("[changes state]"))
                    .hasSizeGreaterThanOrEqualTo(7);
        }
    }

    @Test
    void aGatewayWhoseFlushKeepsItsEntriesFailsTheFlushCheckByName() throws Exception {
        try (InJvmStack stack = new InJvmStack(dir, Map.of(), BrokenFlushGateway::start);
             GrpcChannels channels = new GrpcChannels()) {
            ContractReport report = new ContractSuite(stack.targets(), channels, Duration.ofSeconds(5), false).run();
            report.text().forEach(System.out::println);
            assertThat(report.failed()).isEqualTo(1);
            CheckResult failed = report.results().stream().filter(r -> !r.passed() && !r.skipped()).findFirst()
                    .orElseThrow();
            assertThat(failed.name()).startsWith("flush empties the cache");
            assertThat(failed.saw()).contains("flush reported").containsPattern("then [1-9]\\d* entries");
            assertThat(report.text()).last().asString().endsWith("passed, 1 failed");
            String xml = Files.readString(report.writeJUnitXml(dir.resolve("reports")));
            assertThat(xml).contains("failures=\"1\"").contains("name=\"flush empties the cache");
        }
    }

    @Test
    void servicesThatAreDownFailTheirChecksWithTheReason() throws Exception {
        ContractTargets nowhere = new ContractTargets(null,
                new ContractTargets.Target("memory-rust", "localhost", io.gladys.testing.TestStacks.freePort(),
                        ContractTargets.GATEWAY), null, null);
        try (GrpcChannels channels = new GrpcChannels()) {
            ContractReport report = new ContractSuite(nowhere, channels, Duration.ofSeconds(2), false).run();
            assertThat(report.passed()).isZero();
            assertThat(report.failed()).isGreaterThanOrEqualTo(3);
            assertThat(report.results()).filteredOn(r -> !r.skipped())
                    .allSatisfy(r -> assertThat(r.saw()).contains("memory-rust (localhost:").contains("UNAVAILABLE"));
        }
    }
}

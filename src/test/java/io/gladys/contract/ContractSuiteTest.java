package io.gladys.contract;

import io.gladys.grpc.GrpcChannels;
import io.gladys.proto.types.HealthStatus;
import io.gladys.reference.gateway.BrokenFlushGateway;
import io.gladys.testing.InJvmStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract suite against the reference stack (green, also strictly), a deliberately broken gateway
 * (red), and services that report their own details keys without the standard health service, as
 * GLADyS's do (green with warnings, red strictly).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContractSuiteTest {

    @TempDir
    Path dir;

    @Test
    void theReferenceStackHonoursEveryContractStrictly() throws Exception {
        try (InJvmStack stack = new InJvmStack(dir, Map.of()); GrpcChannels channels = new GrpcChannels()) {
            ContractReport report = new ContractSuite(stack.targets(), channels, Duration.ofSeconds(5), false, true).run();
            report.text().forEach(System.out::println);
            assertThat(report.failed()).isZero();
            assertThat(report.warnings()).isZero();
            assertThat(report.skipped()).isZero();
            assertThat(report.passed()).isEqualTo(report.results().size()).isGreaterThanOrEqualTo(24);
            assertThat(report.results()).filteredOn(r -> r.tier() == CheckResult.Tier.RECOMMENDED).hasSize(9);
            assertThat(report.text()).last().asString().isEqualTo(report.passed() + " passed, 0 failed, 0 skipped");
            assertThat(report.text()).anySatisfy(l -> assertThat(l).startsWith("  ✅ [required] memory-python answers"))
                    .anySatisfy(l -> assertThat(l).startsWith("  ✅ [recommended] orchestrator reports the design"));

            Path xml = report.writeJUnitXml(dir.resolve("reports"));
            String content = Files.readString(xml);
            assertThat(content).contains("<testsuite name=\"gladys-contract\" tests=\"" + report.results().size()
                    + "\" failures=\"0\"").doesNotContain("<failure").doesNotContain("<skipped")
                    .contains("classname=\"gladys.contract.required.cache\"")
                    .contains("classname=\"gladys.contract.recommended.health\"");

            ContractReport readOnly = new ContractSuite(stack.targets(), channels, Duration.ofSeconds(5), true, true).run();
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
            ContractReport report = new ContractSuite(stack.targets(), channels, Duration.ofSeconds(5), false, false).run();
            report.text().forEach(System.out::println);
            assertThat(report.failed()).isEqualTo(1);
            CheckResult failed = report.results().stream().filter(CheckResult::failed).findFirst().orElseThrow();
            assertThat(failed.name()).startsWith("flush empties the cache");
            assertThat(failed.tier()).isEqualTo(CheckResult.Tier.REQUIRED);
            assertThat(failed.saw()).contains("flush reported").containsPattern("then [1-9]\\d* entries");
            assertThat(report.text()).last().asString().endsWith("passed, 1 failed, 0 skipped");
            assertThat(report.text()).contains("  ❌ [required] " + failed.name());
            String xml = Files.readString(report.writeJUnitXml(dir.resolve("reports")));
            assertThat(xml).contains("failures=\"1\"").contains("name=\"flush empties the cache");
        }
    }

    @Test
    void servicesWithTheirOwnDetailsKeysAndNoStandardHealthPassWithWarningsAndFailStrictly() throws Exception {
        try (OwnDetailsServices services = new OwnDetailsServices(HealthStatus.HEALTHY);
             GrpcChannels channels = new GrpcChannels()) {
            ContractReport report = new ContractSuite(services.targets(), channels, Duration.ofSeconds(5), false, false)
                    .run();
            report.text().forEach(System.out::println);

            assertThat(report.failed()).isZero();
            // per role: details keys and standard health; and events_processed
            assertThat(report.warnings()).isEqualTo(5);
            assertThat(report.results()).filteredOn(CheckResult::warning)
                    .allSatisfy(r -> assertThat(r.tier()).isEqualTo(CheckResult.Tier.RECOMMENDED));
            assertThat(report.results()).filteredOn(CheckResult::passed).extracting(CheckResult::name).containsExactly(
                    "orchestrator answers GetHealth on gladys.v1.OrchestratorService with a status",
                    "orchestrator answers GetHealthDetails with uptime_seconds and the status of GetHealth",
                    "executive-stub answers GetHealth on gladys.v1.ExecutiveService with a status",
                    "executive-stub answers GetHealthDetails with uptime_seconds and the status of GetHealth");
            CheckResult keys = result(report, "orchestrator reports the design document's details keys");
            assertThat(keys.saw()).isEqualTo("reports the keys [executive_connected, queued_events, "
                    + "registered_components, salience_connected] instead; missing [events_processed, error_count, "
                    + "dependency_status]");
            assertThat(result(report, "executive-stub answers grpc.health.v1.Health/Check").saw())
                    .isEqualTo("no standard health service (grpc.health.v1.Health: UNIMPLEMENTED)");
            assertThat(result(report, "the orchestrator counts published events").saw())
                    .startsWith("no events_processed in its details; it reports [executive_connected, queued_events");
            assertThat(report.text()).contains("  ⚠️ [recommended] executive-stub reports the design document's details "
                    + "keys memory_status, llm_configured, llm_status");

            // the partial stack: what needs memory or the gateway is skipped, with that reason
            assertThat(report.results()).filteredOn(r -> r.group().equals("cache")).hasSize(7)
                    .allSatisfy(r -> assertThat(r.skipped()).isTrue());
            assertThat(result(report, "the memory storage answers GetHealth").saw())
                    .isEqualTo("no memory storage in the catalog (no service names gladys.memory.MemoryStorage)");
            assertThat(result(report, "cache stats are consistent").saw())
                    .isEqualTo("no salience gateway in the catalog (no service names gladys.memory.SalienceGateway)");
            assertThat(result(report, "an event published to the orchestrator reaches memory").saw())
                    .isEqualTo("no memory storage in the catalog (no service names gladys.memory.MemoryStorage)");
            assertThat(report.text()).last().asString().isEqualTo("4 passed, 0 failed, 16 skipped, 5 warnings");

            String xml = Files.readString(report.writeJUnitXml(dir.resolve("reports")));
            assertThat(xml).contains("failures=\"0\"").contains("skipped=\"21\"")
                    .contains("<property name=\"gladys.contract.warnings\" value=\"5\"/>")
                    .contains("<testcase classname=\"gladys.contract.recommended.health\" name=\"orchestrator reports "
                            + "the design document's details keys")
                    .contains("<skipped message=\"warning: recommended, not met: no standard health service");

            ContractReport strict = new ContractSuite(services.targets(), channels, Duration.ofSeconds(5), false, true)
                    .run();
            assertThat(strict.failed()).isEqualTo(5);
            assertThat(strict.warnings()).isZero();
            assertThat(strict.text()).last().asString().isEqualTo("4 passed, 5 failed, 16 skipped");
            assertThat(Files.readString(strict.writeJUnitXml(dir.resolve("strict")))).contains("failures=\"5\"");
        }
    }

    @Test
    void aServiceThatBreaksARequiredContractStillFailsTheSuite() throws Exception {
        // GetHealth says HEALTHY, GetHealthDetails UNHEALTHY: tools that read either would disagree
        try (OwnDetailsServices services = new OwnDetailsServices(HealthStatus.UNHEALTHY);
             GrpcChannels channels = new GrpcChannels()) {
            ContractReport report = new ContractSuite(services.targets(), channels, Duration.ofSeconds(5), true, false)
                    .run();
            assertThat(report.failed()).isEqualTo(1);
            CheckResult failed = report.results().stream().filter(CheckResult::failed).findFirst().orElseThrow();
            assertThat(failed.tier()).isEqualTo(CheckResult.Tier.REQUIRED);
            assertThat(failed.name()).startsWith("executive-stub answers GetHealthDetails");
            assertThat(failed.saw()).matches("status UNHEALTHY \\(GetHealth: HEALTHY\\), uptime \\d+ s: the two health "
                    + "RPCs disagree");
            assertThat(report.text()).last().asString().startsWith("3 passed, 1 failed, ");
        }
    }

    @Test
    void servicesThatAreDownFailTheirChecksWithTheReason() throws Exception {
        ContractTargets nowhere = new ContractTargets(null,
                new ContractTargets.Target("memory-rust", "localhost", io.gladys.testing.TestStacks.freePort(),
                        ContractTargets.GATEWAY), null, null);
        try (GrpcChannels channels = new GrpcChannels()) {
            ContractReport report = new ContractSuite(nowhere, channels, Duration.ofSeconds(2), false, false).run();
            assertThat(report.passed()).isZero();
            assertThat(report.failed()).isGreaterThanOrEqualTo(3);
            assertThat(report.results()).filteredOn(r -> !r.skipped())
                    .allSatisfy(r -> assertThat(r.saw()).contains("memory-rust (localhost:").contains("UNAVAILABLE"));
        }
    }

    private static CheckResult result(ContractReport report, String nameStart) {
        return report.results().stream().filter(r -> r.name().startsWith(nameStart)).findFirst().orElseThrow();
    }
}

package io.gladys.docker;

import io.gladys.catalog.HealthKind;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.report.StatusReport;
import io.gladys.stack.ServiceState;
import io.gladys.stack.ServiceStatus;
import io.gladys.session.StackConfig;
import io.gladys.stack.StackException;
import io.gladys.session.StackSession;
import io.gladys.stack.StartOptions;
import io.gladys.testing.RequiresDocker;
import io.gladys.testing.Await;
import io.gladys.testing.TestStacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The docker environment against the real engine and the installed Compose CLI, with busybox images
 * built here: healthy start, a container that exits at once, a failing HEALTHCHECK, logs, restart,
 * stop with down, a Compose service the catalog does not know, two projects side by side, no engine.
 */
@RequiresDocker
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DockerBackendTest {

    @TempDir
    static Path shared;
    private static DockerFixture docker;

    @TempDir
    Path dir;
    private Path composeFile;
    private int webPort;
    private final List<String> projects = new ArrayList<>();
    private final List<StackSession> sessions = new ArrayList<>();

    @BeforeAll
    static void buildImage() throws IOException {
        docker = DockerFixture.open(shared);
    }

    @AfterAll
    static void removeImage() {
        if (docker != null) {
            docker.close();
        }
    }

    @AfterEach
    void removeProjects() {
        sessions.forEach(StackSession::close);
        for (String p : projects) {
            docker.removeProject(composeFile, p);
        }
    }

    /** A Compose project in its own directory, with a fixed published port for the web service. */
    private void writeCompose() throws IOException {
        webPort = TestStacks.freePort();
        Path project = Files.createDirectories(dir.resolve("app"));
        composeFile = project.resolve("docker-compose.yml");
        String img = docker.image;
        Files.writeString(composeFile, """
                services:
                  web:
                    image: %1$s
                    command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && echo web up && echo oops >&2 && httpd -p 80 -h /www && trap 'exit 0' TERM && while true; do sleep 0.2; done"]
                    ports: ["%2$d:80"]
                    healthcheck:
                      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1/"]
                      interval: 1s
                      timeout: 2s
                      retries: 30
                  ticker:
                    image: %1$s
                    command: ["sh", "-c", "trap 'echo bye; exit 0' TERM; i=0; while true; do i=$$((i+1)); echo tick $$i; sleep 0.2; done"]
                  crash:
                    image: %1$s
                    command: ["sh", "-c", "echo first; echo second >&2; echo last words; exit 3"]
                  sick:
                    image: %1$s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.2; done"]
                    healthcheck:
                      test: ["CMD", "false"]
                      interval: 1s
                      timeout: 1s
                      retries: 1
                  extra:
                    image: %1$s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.2; done"]
                  pinned:
                    image: %1$s
                    container_name: %3$s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.2; done"]
                """.formatted(img, webPort, pinnedName()));
    }

    /** The fixed container name of the pinned service: one per test run, so runs never meet. */
    private static String pinnedName() {
        return docker.project("pinned");
    }

    private List<ServiceDefinition> catalog() {
        return List.of(
                ServiceDefinition.builder("web").dockerPort(webPort).health(HealthKind.TCP).build(),
                ServiceDefinition.builder("ticker").health(HealthKind.NONE).build(),
                ServiceDefinition.builder("crash").health(HealthKind.NONE).build(),
                ServiceDefinition.builder("sick").health(HealthKind.NONE).build(),
                ServiceDefinition.builder("pinned").health(HealthKind.NONE).build());
    }

    private StackSession session(String projectSuffix) {
        String project = docker.project(projectSuffix);
        projects.add(project);
        StackSession s = StackSession.open(DockerFixture.config(dir, composeFile, project, catalog()));
        sessions.add(s);
        return s;
    }

    private static StartOptions options() {
        return StartOptions.builder().waitForHealthy(true).serviceTimeout(Duration.ofSeconds(90))
                .overallTimeout(Duration.ofMinutes(3)).minUptime(Duration.ofMillis(500)).keepRunning(false).build();
    }

    private static ServiceStatus status(StackSession s, String name) {
        return s.manager().status(name).get(0);
    }

    @Test
    void startWaitsForThePortAndTheContainersOwnHealthCheckThenStatusShowsTheContainer() throws Exception {
        writeCompose();
        StackSession s = session("web");
        s.manager().start("web", options());

        ServiceStatus st = status(s, "web");
        assertThat(st.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(st.id()).hasSize(12).matches("[0-9a-f]{12}");
        assertThat(st.port()).isEqualTo(webPort);
        // the wait did not end before the container's own HEALTHCHECK passed
        assertThat(st.facts()).containsEntry("health", "healthy").containsEntry("image", docker.image)
                .containsEntry("ports", "0.0.0.0:" + webPort + "->80/tcp").containsEntry("restarts", "0");
        try (Socket sock = new Socket("localhost", webPort)) {
            assertThat(sock.isConnected()).isTrue();
        }
        assertThat(s.addresses().mavenProperties()).containsEntry("gladys.web.port", String.valueOf(webPort));

        List<String> text = new StatusReport(s.manager().status("all"), "docker", dir, "container").text();
        assertThat(text.get(0)).contains("CONTAINER", "HEALTH", "RESTARTS", "PORTS", "IMAGE");
        assertThat(text).anySatisfy(l -> assertThat(l).startsWith("web").contains(st.id(), "healthy"));
        String json = new StatusReport(s.manager().status("web"), "docker", dir, "container").json();
        assertThat(json).contains("\"container\": \"" + st.id() + "\"").contains("\"health\": \"healthy\"");
    }

    @Test
    void aContainerThatExitsAtOnceFailsTheStartWithItsExitCodeAndLastLines() throws Exception {
        writeCompose();
        StackSession s = session("crash");
        assertThatThrownBy(() -> s.manager().start("crash", options()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("crash exited during start with exit code 3")
                .hasMessageContaining("| first")
                .hasMessageContaining("| second") // stderr, demultiplexed
                .hasMessageContaining("| last words");
        ServiceStatus st = status(s, "crash");
        assertThat(st.state()).isEqualTo(ServiceState.CRASHED);
        assertThat(st.exitCode()).isEqualTo(3);
    }

    @Test
    void aContainerWhoseHealthCheckFailsFailsTheStartAtOnceAndIsStopped() throws Exception {
        writeCompose();
        StackSession s = session("sick");
        Instant t0 = Instant.now();
        assertThatThrownBy(() -> s.manager().start("sick", options()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("sick turned unhealthy during start")
                .hasMessageContaining("its container's health check fails")
                .hasMessageContaining("Stopped what this start had launched: sick");
        // well before the 90 s service timeout: the container's own verdict ended the wait
        assertThat(Duration.between(t0, Instant.now())).isLessThan(Duration.ofSeconds(60));
        assertThat(status(s, "sick").state().alive()).isFalse();
    }

    @Test
    void aPublishedPortTakenByAnotherProcessFailsTheStartWithComposesWords() throws Exception {
        writeCompose();
        StackSession s = session("taken");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(webPort)) {
            assertThatThrownBy(() -> s.manager().start("web", options()))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("Cannot start web: ")
                    .hasMessageContaining("up -d --no-deps web failed")
                    .hasMessageContaining(String.valueOf(webPort))
                    .hasMessageNotContaining("DockerException");
        }
        assertThat(status(s, "web").state().alive()).isFalse();
    }

    @Test
    void statusShowsEveryComposeServiceAlsoOneTheCatalogDoesNotName() throws Exception {
        writeCompose();
        StackSession s = session("foreign");
        String project = projects.get(0);
        ComposeCli cli = ComposeCli.detect(List.of());
        // started by hand, as a user would with compose itself
        cli.run(cli.up(composeFile, project, List.of("extra"), false), composeFile.getParent(), System.getenv());

        List<ServiceStatus> all = s.manager().status("all");
        assertThat(all).extracting(x -> x.service().name()).contains("web", "ticker", "crash", "sick", "extra");
        ServiceStatus extra = all.stream().filter(x -> x.service().name().equals("extra")).findFirst().orElseThrow();
        assertThat(extra.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(extra.id()).hasSize(12);
        assertThat(all.stream().filter(x -> x.service().name().equals("web")).findFirst().orElseThrow().state())
                .isEqualTo(ServiceState.STOPPED);

        s.manager().stop("all", Duration.ofSeconds(5));
        assertThat(status(s, "extra").state()).isEqualTo(ServiceState.STOPPED);
    }

    @Test
    void logsTailFollowRestartAndStopWithDown() throws Exception {
        writeCompose();
        StackSession s = session("logs");
        s.manager().start("ticker,web", options());
        // the ticker has written three lines, and the web service its two
        Await.until(Duration.ofSeconds(30), "three ticks and the web service's lines", () -> {
            List<String> lines = new ArrayList<>();
            try {
                s.manager().logs("web,ticker", 50, false, Duration.ZERO, (name, line) -> lines.add(name + "|" + line));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return lines.stream().filter(l -> l.startsWith("ticker|tick ")).count() >= 3 && lines.contains("web|oops");
        });

        List<String> tail = new ArrayList<>();
        s.manager().logs("ticker", 3, false, Duration.ZERO, (name, line) -> tail.add(line));
        assertThat(tail).hasSize(3).allSatisfy(l -> assertThat(l).matches("tick \\d+"));

        List<String> both = new ArrayList<>();
        s.manager().logs("web,ticker", 50, false, Duration.ZERO, (name, line) -> both.add(name + "|" + line));
        assertThat(both).contains("web|web up", "web|oops");

        // follow for a while: new lines come, each a whole line, and the follow ends by itself
        List<String> followed = new ArrayList<>();
        Instant t0 = Instant.now();
        s.manager().logs("ticker", 0, true, Duration.ofSeconds(2), (name, line) -> followed.add(line));
        assertThat(Duration.between(t0, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(followed).hasSizeGreaterThan(3).allSatisfy(l -> assertThat(l).matches("tick \\d+"));
        int first = Integer.parseInt(followed.get(0).substring(5));
        assertThat(first).isGreaterThan(Integer.parseInt(tail.get(2).substring(5)));

        // restart: stop then start the same container; a new start time
        ServiceStatus before = status(s, "ticker");
        s.manager().stop("ticker", Duration.ofSeconds(5));
        ServiceStatus stopped = status(s, "ticker");
        assertThat(stopped.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(stopped.exitCode()).isEqualTo(0);
        s.manager().start("ticker", options());
        ServiceStatus after = status(s, "ticker");
        assertThat(after.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(after.since()).isAfter(before.since());

        // following a container that stops ends with it: stopped once the follow has its first line
        List<String> untilStop = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread stopper = new Thread(() -> {
            Await.until(Duration.ofSeconds(30), "the follow's first line", () -> !untilStop.isEmpty());
            s.manager().stop("ticker", Duration.ofSeconds(5));
        });
        stopper.start();
        s.manager().logs("ticker", 1, true, Duration.ZERO, (name, line) -> untilStop.add(line));
        stopper.join();
        assertThat(untilStop).contains("bye");

        // down: containers and network go
        String project = projects.get(0);
        StackConfig base = DockerFixture.config(dir, composeFile, project, catalog());
        try (StackSession down = StackSession.open(base.toBuilder()
                .docker(base.docker().toBuilder().down(true).removeVolumes(true).build()).build())) {
            down.manager().stop("all", Duration.ofSeconds(5));
        }
        assertThat(docker.engine.containers(project)).isEmpty();
        assertThat(docker.engine.client().listNetworksCmd()
                .withFilter("label", List.of(ContainerEngine.PROJECT_LABEL + "=" + project)).exec()).isEmpty();
    }

    @Test
    void twoProjectsFromOneComposeFileLiveSideBySide() throws Exception {
        writeCompose();
        StackSession a = session("a");
        StackSession b = session("b");
        a.manager().start("ticker", options());
        b.manager().start("ticker", options());
        assertThat(status(a, "ticker").id()).isNotEqualTo(status(b, "ticker").id());

        a.manager().stop("all", Duration.ofSeconds(5));
        assertThat(status(a, "ticker").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(status(b, "ticker").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void aFixedContainerNameIsShownAndASecondCheckoutIsToldWhyItCannotRunIt() throws Exception {
        writeCompose();
        StackSession a = session("first");
        StackSession b = session("second");
        a.manager().start("pinned", options());
        assertThat(status(a, "pinned").facts()).containsEntry("containerName", pinnedName());

        assertThatThrownBy(() -> b.manager().start("pinned", options()))
                .hasMessageContaining("Cannot start pinned: docker-compose.yml fixes its container name "
                        + "(container_name: " + pinnedName() + "), and a container of that name already exists")
                .hasMessageContaining("Compose project '" + projects.get(0) + "'")
                .hasMessageContaining("Only one checkout at a time can run a service with a fixed name")
                .hasMessageContaining("gladys.compose.project per checkout");
        // the first checkout's container is left alone
        assertThat(status(a, "pinned").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(status(b, "pinned").state()).isEqualTo(ServiceState.STOPPED);
    }

    @Test
    void noEngineFailsEveryGoalAtOnceWithTheHostAndWhatToDoAndDoesNothing() throws Exception {
        writeCompose();
        String project = docker.project("noengine");
        projects.add(project);
        URI nowhere = URI.create("unix://" + dir.resolve("no-docker.sock"));
        StackConfig config = DockerFixture.config(dir, composeFile, project, catalog());
        DockerBackend backend = DockerBackend.builder(config.docker(), dir.resolve(".gladys"))
                .compose(DockerBackend.findCompose(config.docker(), dir).orElseThrow())
                .engine(() -> new DockerEngine(nowhere)).console(TestStacks.printing()).build();
        var manager = io.gladys.stack.StackManager.builder(backend.adapt(io.gladys.catalog.Catalog.of(catalog())),
                io.gladys.stack.Backends.single(backend)).health(new io.gladys.health.HealthChecker(
                new io.gladys.grpc.GrpcChannels(), io.gladys.health.HealthTimeouts.DEFAULT, null))
                .console(TestStacks.printing()).build();
        for (Runnable goal : List.<Runnable>of(() -> manager.start("web", options()),
                () -> manager.status("all"), () -> manager.stop("all", Duration.ofSeconds(1)))) {
            assertThatThrownBy(goal::run)
                    .isInstanceOf(DockerException.class)
                    .hasMessageContaining(nowhere.toString())
                    .hasMessageContaining("dockerd")
                    .hasMessageContaining("docker' group")
                    .hasMessageContaining("DOCKER_HOST")
                    .hasMessageContaining("Nothing was done");
        }
        // nothing half-done: Compose never ran, so the real engine has no container of the project
        assertThat(docker.engine.containers(project)).isEmpty();
        backend.close();
    }

}

package io.gladys.docker.reference;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.gladys.db.DatabaseException;
import io.gladys.db.DatabaseTarget;
import io.gladys.db.Secret;
import io.gladys.docker.DockerEngine;
import io.gladys.testing.OfflineImages;
import io.gladys.testing.RequiresDocker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * scripts/offline-base-images.sh and the PostgreSQL image it builds: kept when present, and used as the
 * official postgres image is (POSTGRES_* variables, /docker-entrypoint-initdb.d, a fast stop).
 */
@RequiresDocker
class OfflineBaseImagesTest {

    private static final int PORT = 62510;

    @TempDir
    Path dir;
    private DockerEngine engine;
    private final List<String> containers = new ArrayList<>();
    private OfflineImages images;

    @BeforeEach
    void images() {
        engine = new DockerEngine();
        images = OfflineImages.ensure();
    }

    @AfterEach
    void removeContainers() {
        for (String id : containers) {
            try {
                engine.client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (RuntimeException e) {
                System.out.println("container " + id + " not removed: " + e.getMessage());
            }
        }
        engine.close();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aSecondRunKeepsTheImages() {
        String javaId = engine.client().inspectImageCmd(OfflineImages.LOCAL_JAVA).exec().getId();
        String postgresId = engine.client().inspectImageCmd(OfflineImages.LOCAL_POSTGRES).exec().getId();

        String output = OfflineImages.runScript();

        assertThat(output).contains(OfflineImages.LOCAL_JAVA + ": present").contains(OfflineImages.LOCAL_POSTGRES
                + ": present").doesNotContain("built");
        assertThat(engine.client().inspectImageCmd(OfflineImages.LOCAL_JAVA).exec().getId()).isEqualTo(javaId);
        assertThat(engine.client().inspectImageCmd(OfflineImages.LOCAL_POSTGRES).exec().getId()).isEqualTo(postgresId);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void anImageMadeFromOtherInputsIsRebuiltAndItsPredecessorRemoved() {
        String image = "gladys-test-" + UUID.randomUUID().toString().substring(0, 8) + "/jre:17";
        try {
            OfflineImages.runScript(Map.of("GLADYS_JRE_IMAGE", image, "GLADYS_JRE_MODULES", "java.base"));
            String first = engine.client().inspectImageCmd(image).exec().getId();

            String same = OfflineImages.runScript(Map.of("GLADYS_JRE_IMAGE", image, "GLADYS_JRE_MODULES", "java.base"));
            String other = OfflineImages.runScript(Map.of("GLADYS_JRE_IMAGE", image,
                    "GLADYS_JRE_MODULES", "java.base,java.logging"));

            assertThat(same).contains(image + ": present");
            assertThat(other).contains(image + ": made from other inputs").contains(image + ": built");
            assertThat(engine.client().inspectImageCmd(image).exec().getId()).isNotEqualTo(first);
            assertThat(engine.client().listImagesCmd().withShowAll(true).exec())
                    .as("the first image is gone, not left dangling").noneMatch(i -> i.getId().equals(first));
        } finally {
            try {
                engine.client().removeImageCmd(image).withForce(true).exec();
            } catch (RuntimeException e) {
                System.out.println("image " + image + " not removed: " + e.getMessage());
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void postgresHonoursTheOfficialVariablesAndInitScripts() throws Exception {
        Path init = initScripts("""
                CREATE TABLE greeting (id int PRIMARY KEY, text text NOT NULL);
                INSERT INTO greeting VALUES (1, 'good morning');

                CREATE FUNCTION answer() RETURNS int AS $$
                BEGIN

                  RETURN 42;
                END;
                $$ LANGUAGE plpgsql;
                """);
        String id = run(Map.of("POSTGRES_USER", "alice", "POSTGRES_PASSWORD", "se\"cret $x", "POSTGRES_DB", "things"),
                init);
        DatabaseTarget db = new DatabaseTarget("127.0.0.1", PORT, "things", "alice", Secret.of("se\"cret $x"));

        try (Connection c = awaitConnection(db, id)) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT current_user, current_database(), answer(), "
                         + "(SELECT text FROM greeting), current_setting('password_encryption')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("alice");
                assertThat(rs.getString(2)).isEqualTo("things");
                assertThat(rs.getInt(3)).isEqualTo(42);
                assertThat(rs.getString(4)).isEqualTo("good morning");
                assertThat(rs.getString(5)).isEqualTo("scram-sha-256");
            }
            DatabaseTarget wrong = new DatabaseTarget("127.0.0.1", PORT, "things", "alice", Secret.of("wrong"));
            assertThatThrownBy(wrong::connect).isInstanceOf(DatabaseException.class);

            // docker stop sends SIGTERM while a client is still connected: PostgreSQL's own SIGTERM would
            // wait for that client until the engine kills it (exit 137); the image makes it a fast shutdown
            engine.client().stopContainerCmd(id).withTimeout(30).exec();
        }
        var state = engine.client().inspectContainerCmd(id).exec().getState();
        assertThat(state.getExitCodeLong()).as(logs(id)).isZero();
        assertThat(logs(id)).contains("received fast shutdown request").contains("database system is shut down");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aFailingInitScriptFailsTheStartAndIsRunAgainOnTheNext() throws Exception {
        Path init = initScripts("CREATE TABLE a (id int);\nSELECT nothing FROM nowhere;\n");
        String id = run(Map.of("POSTGRES_PASSWORD", "x"), init);

        assertThat(awaitExit(id)).isNotZero();
        engine.client().startContainerCmd(id).exec();
        assertThat(awaitExit(id)).isNotZero();

        // not a half-made database on the second start: the script ran again, from an empty data directory
        String logs = logs(id);
        assertThat(logs.split("running /docker-entrypoint-initdb.d/001_init.sql", -1)).hasSize(3);
        assertThat(logs).contains("relation \"nowhere\" does not exist").contains("initialisation failed");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void withoutAPasswordItRefusesToInitialise() throws Exception {
        String id = run(Map.of("POSTGRES_USER", "alice"), null);

        assertThat(awaitExit(id)).isEqualTo(1);
        assertThat(logs(id)).contains("POSTGRES_PASSWORD is not set");
    }

    private Path initScripts(String sql) throws Exception {
        Path init = Files.createDirectories(dir.resolve("initdb"));
        Files.writeString(init.resolve("001_init.sql"), sql);
        // the server runs as uid 999: the mounted files must be readable by others
        Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(init.resolve("001_init.sql"), PosixFilePermissions.fromString("rw-r--r--"));
        return init;
    }

    private String run(Map<String, String> env, Path initScripts) {
        DockerClient client = engine.client();
        HostConfig host = HostConfig.newHostConfig()
                .withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", PORT), ExposedPort.tcp(5432)));
        if (initScripts != null) {
            host.withBinds(Bind.parse(initScripts + ":/docker-entrypoint-initdb.d:ro"));
        }
        String id = client.createContainerCmd(images.postgres())
                .withName("gladys-offline-pg-" + UUID.randomUUID().toString().substring(0, 8))
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withExposedPorts(ExposedPort.tcp(5432))
                .withHostConfig(host)
                .exec().getId();
        containers.add(id);
        client.startContainerCmd(id).exec();
        return id;
    }

    private Connection awaitConnection(DatabaseTarget db, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return db.connect();
            } catch (RuntimeException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        fail("PostgreSQL did not accept connections: " + (last == null ? "" : last.getMessage()) + "\n" + logs(id));
        return null;
    }

    private long awaitExit(String id) throws InterruptedException {
        while (Boolean.TRUE.equals(engine.client().inspectContainerCmd(id).exec().getState().getRunning())) {
            Thread.sleep(200);
        }
        return engine.client().inspectContainerCmd(id).exec().getState().getExitCodeLong();
    }

    private String logs(String id) {
        StringBuilder out = new StringBuilder();
        try {
            engine.client().logContainerCmd(id).withStdOut(true).withStdErr(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
    }
}

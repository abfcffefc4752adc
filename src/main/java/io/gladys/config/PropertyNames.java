package io.gladys.config;

import java.util.Set;

/**
 * Every {@code -D} name of the plugin, once: used in the goals' {@code @Parameter(property = ...)} and in
 * every message that names a property, so the two cannot drift apart. {@code PropertyNamesTest} checks
 * that each one is a parameter of the plugin's descriptor (or one of {@link #COMMAND_LINE_ONLY}) and that no
 * message spells one out by hand.
 */
public final class PropertyNames {

    // Every goal
    public static final String ENV = "gladys.env";
    public static final String ENVIRONMENTS = "gladys.environments";
    public static final String SKIP = "gladys.skip";
    public static final String CATALOG = "gladys.catalog";
    public static final String CATALOG_FILE = "gladys.catalogFile";
    public static final String ENV_FILE = "gladys.envFile";
    public static final String DEFAULT_CATALOG = "gladys.defaultCatalog";
    public static final String FORMAT = "gladys.format";
    public static final String OUTPUT = "gladys.output";
    public static final String STATE_DIRECTORY = "gladys.stateDirectory";
    public static final String CONNECT_TIMEOUT = "gladys.connectTimeout";
    public static final String RPC_TIMEOUT = "gladys.rpcTimeout";
    public static final String LOG_MAX_SIZE = "gladys.log.maxSize";
    public static final String LOG_KEEP = "gladys.log.keep";
    public static final String CLASS_DATA_ARCHIVE = "gladys.classDataArchive";
    public static final String PORT_OFFSET = "gladys.portOffset";
    public static final String PORTS = "gladys.ports";
    public static final String PROCESS_CONTROL = "gladys.processControl";

    // The database (gladys.db.url, .user and .password are read from the command line only: start exports gladys.db.url as a project property, which must not turn into an override)
    public static final String DB_INSTALLATION = "gladys.db.installation";
    public static final String DB_RECREATE = "gladys.db.recreate";
    public static final String DB_URL = "gladys.db.url";
    public static final String DB_USER = "gladys.db.user";
    public static final String DB_PASSWORD = "gladys.db.password";

    // The docker environment
    public static final String COMPOSE_FILE = "gladys.composeFile";
    public static final String COMPOSE_PROJECT = "gladys.compose.project";
    public static final String COMPOSE_COMMAND = "gladys.compose.command";
    public static final String BUILD = "gladys.build";
    public static final String DOCKER_DOWN = "gladys.docker.down";
    public static final String DOCKER_REMOVE_VOLUMES = "gladys.docker.removeVolumes";
    public static final String DOCKER_JAVA_IMAGE = "gladys.docker.javaImage";
    public static final String DOCKER_POSTGRES_IMAGE = "gladys.docker.postgresImage";
    public static final String DOCKER_CONTEXT = "gladys.docker.context";
    public static final String DOCKER_PUBLISH_ADDRESS = "gladys.docker.publishAddress";
    public static final String DOCKER_SERVICE_HOST = "gladys.docker.serviceHost";

    // start, stop, restart, reset
    public static final String WAIT = "gladys.wait";
    public static final String START_TIMEOUT = "gladys.startTimeout";
    public static final String OVERALL_TIMEOUT = "gladys.overallTimeout";
    public static final String MIN_UPTIME = "gladys.minUptime";
    public static final String KEEP_RUNNING = "gladys.keepRunning";
    public static final String STOP_TIMEOUT = "gladys.stopTimeout";
    public static final String START_PARALLEL = "gladys.start.parallel";

    // Goal parameters with a short twin (SERVICE_SHORT, ...)
    public static final String SERVICE = "gladys.service";
    public static final String ID = "gladys.id";
    public static final String LIMIT = "gladys.limit";
    public static final String TAIL = "gladys.tail";
    public static final String FOLLOW = "gladys.follow";
    public static final String FILE = "gladys.file";
    public static final String SQL = "gladys.sql";
    public static final String TARGET = "gladys.target";

    // Other goal parameters
    public static final String FOLLOW_SECONDS = "gladys.follow.seconds";
    public static final String CACHE_SERVICE = "gladys.cacheService";
    public static final String HEALTH_FAIL_ON_UNHEALTHY = "gladys.health.failOnUnhealthy";
    public static final String TEXT = "gladys.text";
    public static final String SOURCE = "gladys.source";
    public static final String INTENT = "gladys.intent";
    public static final String ORCHESTRATOR_SERVICE = "gladys.orchestratorService";
    public static final String SQL_FILE = "gladys.sql.file";
    public static final String PSQL_CLIENT = "gladys.psql.client";
    public static final String MIGRATE_DRY_RUN = "gladys.migrate.dryRun";
    public static final String MIGRATE_REPAIR = "gladys.migrate.repair";
    public static final String MIGRATE_BASELINE = "gladys.migrate.baseline";
    public static final String CLEAN_ALLOW_CASCADE = "gladys.clean.allowCascade";
    public static final String CLEAN_DRY_RUN = "gladys.clean.dryRun";
    public static final String TEST_SUITE = "gladys.test.suite";
    public static final String TEST_READ_ONLY = "gladys.test.readOnly";
    public static final String TEST_STRICT = "gladys.test.strict";
    public static final String TEST_ENSURE_RUNNING = "gladys.test.ensureRunning";
    public static final String TEST_REPORTS_DIRECTORY = "gladys.test.reportsDirectory";

    // sync-check
    public static final String FAIL_ON_DRIFT = "gladys.failOnDrift";
    public static final String SYNC_CHECK_OFFLINE = "gladys.syncCheck.offline";
    public static final String SYNC_CHECK_FAIL_IF_NOT_CHECKED = "gladys.syncCheck.failIfNotChecked";
    public static final String PROTOC_VERSION = "gladys.protoc.version";
    public static final String SYNC_CHECK_PROTO_DIRECTORY = "gladys.syncCheck.protoDirectory";
    public static final String SYNC_CHECK_COPY_COMMAND = "gladys.syncCheck.copyCommand";
    public static final String SYNC_CHECK_STUB_COMMAND = "gladys.syncCheck.stubCommand";

    // the short twins of goal parameters (-Dservice= beside -Dgladys.service=)
    public static final String SERVICE_SHORT = "service";
    public static final String ID_SHORT = "id";
    public static final String LIMIT_SHORT = "limit";
    public static final String TAIL_SHORT = "tail";
    public static final String FOLLOW_SHORT = "follow";
    public static final String FILE_SHORT = "file";
    public static final String SQL_SHORT = "sql";
    public static final String C_SHORT = "c";
    public static final String TARGET_SHORT = "target";

    /** Read from the command line only, never from the pom or a project property (no parameter). */
    public static final Set<String> COMMAND_LINE_ONLY = Set.of(DB_URL, DB_USER, DB_PASSWORD);

    /** The property that skips one goal: gladys.&lt;goal&gt;.skip (a project property or -D). */
    public static String goalSkip(String goal) {
        return "gladys." + goal + ".skip";
    }

    private PropertyNames() {
    }
}

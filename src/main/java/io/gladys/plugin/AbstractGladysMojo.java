package io.gladys.plugin;

import io.gladys.config.PropertyNames;
import io.gladys.catalog.CatalogException;
import io.gladys.catalog.ServiceDefinition;
import io.gladys.db.DatabaseException;
import io.gladys.config.ConfigException;
import io.gladys.db.ExtensionAdvice;
import io.gladys.db.MissingExtensionException;
import io.gladys.docker.ComposeCli;
import io.gladys.docker.DockerException;
import io.gladys.docker.DockerSettings;
import io.gladys.sync.SyncException;
import io.gladys.grpc.GrpcCallException;
import io.gladys.local.LocalSettings;
import io.gladys.output.DataSink;
import io.gladys.output.OutputException;
import io.gladys.output.OutputFormat;
import io.gladys.stack.Console;
import io.gladys.session.StackConfig;
import io.gladys.stack.StackException;
import io.gladys.session.StackSession;
import io.gladys.session.BuildContext;
import io.gladys.session.ConfigurationProcessor;
import io.gladys.session.DatabaseParameters;
import io.gladys.session.RawConfiguration;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every goal shares: the catalog, the environment, the database settings and the plugin-wide
 * switches. A goal reads its own parameters and calls one thing on the stack session.
 */
public abstract class AbstractGladysMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    @Component
    protected RepositorySystem repositorySystem;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    /** Where the stack runs: {@code local} (processes) or {@code docker} (Compose). */
    @Parameter(property = PropertyNames.ENV, defaultValue = "local")
    protected String environment;

    /**
     * The environment of some services for this run, over the pom's {@code <environment>}: a comma-separated
     * list of name=environment, names as {@code -Dservice} takes them (a service, a group, an alias, all);
     * e.g. {@code db=docker,memory-rust=docker}. Every other service runs in {@code gladys.env}.
     */
    @Parameter(property = PropertyNames.ENVIRONMENTS)
    protected String environments;

    /**
     * Services, merged into the default catalog by name: the fields given override the default
     * entry's, a new name adds a service.
     */
    @Parameter
    protected List<ServiceConfig> services;

    /** Start from a built-in catalog (false: only the catalog file's and the pom's services). */
    @Parameter(property = PropertyNames.DEFAULT_CATALOG, defaultValue = "true")
    protected boolean defaultCatalog;

    /**
     * The built-in catalog to start from: {@code reference} (the plugin's own Java services) or
     * {@code gladys-checkout} (GLADyS's services as its repository launches them).
     */
    @Parameter(property = PropertyNames.CATALOG, defaultValue = "reference")
    protected String catalog;

    /**
     * A catalog file of the project's (the same elements as {@code <services>} and {@code <database>}
     * under {@code <catalog>}), laid over the built-in catalog; the pom's services are laid over it.
     */
    @Parameter(property = PropertyNames.CATALOG_FILE)
    protected File catalogFile;

    /**
     * The project's dotenv file: its values fill the catalogs' placeholders and reach the services the
     * plugin launches (the build's environment wins over it). Default: .env in the project directory.
     */
    @Parameter(property = PropertyNames.ENV_FILE)
    protected File envFile;

    /**
     * An installed PostgreSQL (the directory holding bin/initdb and bin/postgres) that runs the managed
     * cluster instead of the embedded binaries, for this run; {@code <database><installation>} in the pom.
     */
    @Parameter(property = PropertyNames.DB_INSTALLATION)
    protected String dbInstallation;

    private ConfigurationProcessor configuration;

    /**
     * The database: embedded (default in local), or where an external one is and how to log in.
     * For one run, -Dgladys.db.url=jdbc:postgresql://host:port/name, -Dgladys.db.user= and
     * -Dgladys.db.password= override it (read from the command line only: start exports
     * gladys.db.url as a project property, which must not turn into an override).
     */
    @Parameter
    protected DatabaseConfig database;

    /**
     * Per-project state of the local environment (pids, logs, embedded database); not under target/,
     * so mvn clean does not lose track of running services. Default: .gladys in the project directory.
     */
    @Parameter(property = PropertyNames.STATE_DIRECTORY)
    protected File stateDirectory;

    /**
     * Skip every goal of this plugin. One goal is skipped with gladys.&lt;goal&gt;.skip (for example
     * -Dgladys.stop.skip), given on the command line or as a project property.
     */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    protected boolean skip;

    /** Output format: {@code text}, or {@code json} where a goal prints data (csv for query). */
    @Parameter(property = PropertyNames.FORMAT, defaultValue = "text")
    protected String format;

    /**
     * Where a goal that prints data (status, health, the cache goals, publish, query, psql with one
     * command, sync-check) writes it: a file, relative to the project, written whole or not at all and
     * created with its directories; {@code -} for standard output. The log still gets a summary line.
     */
    @Parameter(property = PropertyNames.OUTPUT, defaultValue = "-")
    protected String output;

    /** How long a health probe may take to connect, in milliseconds. */
    @Parameter(property = PropertyNames.CONNECT_TIMEOUT, defaultValue = "2000")
    protected int connectTimeout;

    /** How long a gRPC call may take, in milliseconds. */
    @Parameter(property = PropertyNames.RPC_TIMEOUT, defaultValue = "3000")
    protected int rpcTimeout;

    /** Size at which a local service's log file is rotated, in bytes. */
    @Parameter(property = PropertyNames.LOG_MAX_SIZE, defaultValue = "10485760")
    protected long logMaxSize;

    /** How many rotated log files are kept per service. */
    @Parameter(property = PropertyNames.LOG_KEEP, defaultValue = "3")
    protected int logKeep;

    /**
     * Local environment: services launched from a {@code <javaMain>} get an application class-data archive
     * in .gladys/cds/, created on their first start and mapped by later ones (a quicker JVM start).
     */
    @Parameter(property = PropertyNames.CLASS_DATA_ARCHIVE, defaultValue = "true")
    protected boolean classDataArchive;

    /**
     * The Compose file of the docker environment (and whose built images sync-check checks); default: the
     * first of compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml, src/integration/docker-compose.yml.
     */
    @Parameter(property = PropertyNames.COMPOSE_FILE)
    protected File composeFile;

    /** The Compose project name; default: COMPOSE_PROJECT_NAME, else what Compose derives (the file's directory). */
    @Parameter(property = PropertyNames.COMPOSE_PROJECT)
    protected String composeProject;

    /** The Compose CLI to run; default: {@code docker compose} when present, else {@code docker-compose}. */
    @Parameter(property = PropertyNames.COMPOSE_COMMAND)
    protected String composeCommand;

    /** The image the reference services run on in docker when the project has no Compose file. */
    @Parameter(property = PropertyNames.DOCKER_JAVA_IMAGE, defaultValue = DockerSettings.DEFAULT_JAVA_IMAGE)
    protected String dockerJavaImage;

    /** The image of the reference database in docker when the project has no Compose file. */
    @Parameter(property = PropertyNames.DOCKER_POSTGRES_IMAGE, defaultValue = DockerSettings.DEFAULT_POSTGRES_IMAGE)
    protected String dockerPostgresImage;

    /**
     * The Docker context to use (as {@code docker --context}), whatever DOCKER_HOST and DOCKER_CONTEXT say;
     * default: the engine the docker CLI would use.
     */
    @Parameter(property = PropertyNames.DOCKER_CONTEXT)
    protected String dockerContext;

    /**
     * The address the plugin's own Compose project publishes ports on; default: 127.0.0.1 for an engine on
     * a local socket, every interface for a tcp:// engine.
     */
    @Parameter(property = PropertyNames.DOCKER_PUBLISH_ADDRESS)
    protected String dockerPublishAddress;

    /** The host this machine reaches the docker services' published ports on; default: the engine's host. */
    @Parameter(property = PropertyNames.DOCKER_SERVICE_HOST)
    protected String dockerServiceHost;

    /**
     * How the local environment controls its processes: {@code groups} (process groups through setsid,
     * Linux) or {@code portable} (the JDK's process handles, any platform). Unset: groups where setsid
     * exists, else portable.
     */
    @Parameter(property = PropertyNames.PROCESS_CONTROL)
    protected String processControl;

    /**
     * Shifts every port of the stack (services and the plugin's database) in the selected environment by
     * this much, so that several stacks of one project run side by side. A start records the ports;
     * later goals find them there.
     */
    @Parameter(property = PropertyNames.PORT_OFFSET)
    protected Integer portOffset;

    /**
     * {@code dynamic}: gladys:start picks free ports and records them in the state directory, where every
     * later goal finds them; {@code default}: the catalog's ports (shifted by gladys.portOffset). Unset:
     * the ports the stack was started on, else the catalog's.
     */
    @Parameter(property = PropertyNames.PORTS)
    protected String ports;

    private Console console;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping (" + PropertyNames.SKIP + ").");
            return;
        }
        String goalSkip = PropertyNames.goalSkip(mojoExecution.getMojoDescriptor().getGoal());
        if (Boolean.parseBoolean(property(goalSkip))) {
            getLog().info("Skipping (" + goalSkip + ").");
            return;
        }
        try {
            if (this instanceof PrintsData) {
                // an output file that cannot be written fails before the goal changes anything
                openData().close();
            }
            run();
        } catch (StackException | CatalogException | DatabaseException | GrpcCallException | DockerException
                 | SyncException | OutputException | ConfigException | IllegalArgumentException e) {
            // Maven appends every cause's message to the error line: the cause (a driver's or gRPC's own
            // words) is kept only when the user asked for stack traces (-e, -X)
            boolean trace = session != null && session.getRequest() != null && session.getRequest().isShowErrors()
                    || getLog().isDebugEnabled();
            String message = e.getMessage() + waysOut(e);
            throw trace ? new MojoFailureException(message, e) : new MojoFailureException(message);
        }
    }

    protected abstract void run() throws MojoFailureException, MojoExecutionException;

    /** Advice that depends on how this project provides its database, for failures that need it. */
    private String waysOut(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof MissingExtensionException missing) {
                try {
                    StackConfig config = stackConfig();
                    return "\n" + ExtensionAdvice.waysOut(missing.extension(), missing.serverVersion(),
                            StackSession.databaseProvision(config), config.database().installation(), missing.database(),
                            ExtensionAdvice.Platform.current(), ExtensionAdvice.installations(missing.extension()));
                } catch (RuntimeException e) {
                    return ""; // the failure's own message stands
                }
            }
        }
        return "";
    }

    protected Console console() {
        if (console == null) {
            console = new MavenConsole(getLog());
        }
        return console;
    }

    protected OutputFormat outputFormat(OutputFormat... allowed) {
        return OutputFormat.parse(format, allowed);
    }

    /** Where the goal's data goes: standard output or the {@code output} file (checked before any work). */
    protected DataSink openData() {
        try {
            return DataSink.open(output, basedir());
        } catch (OutputException e) {
            throw new OutputException(e.getMessage() + " (<output> / -D" + PropertyNames.OUTPUT + "='" + output
                    + "'; - is standard output)", e);
        }
    }

    /**
     * Prints a goal's report. Without an output file: text to the log, JSON as data to standard output,
     * as always. With one: the report in the chosen format goes to the file and the log gets the summary.
     */
    protected void printReport(OutputFormat f, Supplier<List<String>> text, Supplier<String> json,
                               String summary) {
        try (DataSink sink = openData()) {
            if (sink.file().isEmpty()) {
                if (f == OutputFormat.JSON) {
                    console().data(json.get());
                } else {
                    text.get().forEach(console()::info);
                }
                return;
            }
            String data = f == OutputFormat.JSON ? json.get() + "\n" : String.join("\n", text.get()) + "\n";
            try {
                sink.writer().write(data);
            } catch (java.io.IOException e) {
                throw new OutputException("Could not write " + sink.file().get() + ": " + e.getMessage(), e);
            }
            sink.commit();
            console().info(summary + " (" + f.name().toLowerCase(java.util.Locale.ROOT) + " written to "
                    + sink.file().get() + ")");
        }
    }

    protected Duration rpcDeadline() {
        return Duration.ofMillis(rpcTimeout);
    }

    protected StackSession openSession() {
        return StackSession.open(stackConfig());
    }

    protected StackConfig stackConfig() {
        return configuration().stackConfig();
    }

    /** The goal's parameters as they are, for the Maven-free rules of precedence (once per goal). */
    protected ConfigurationProcessor configuration() {
        if (configuration == null) {
            List<ServiceDefinition> pom = new ArrayList<>();
            if (services != null) {
                for (ServiceConfig s : services) {
                    pom.add(s.toDefinition());
                }
            }
            RawConfiguration raw = RawConfiguration.builder()
                    .environment(environment)
                    .environments(environments)
                    .services(pom)
                    .defaultCatalog(defaultCatalog)
                    .catalog(catalog)
                    .catalogFile(catalogFile == null ? null : catalogFile.toPath())
                    .envFile(envFile == null ? null : envFile.toPath())
                    .database(database == null ? DatabaseParameters.NONE : database.toParameters())
                    .dbInstallation(dbInstallation)
                    .baseDir(basedir())
                    .stateDir(stateDirectory == null ? null : stateDirectory.toPath())
                    .connectTimeout(Duration.ofMillis(connectTimeout))
                    .rpcTimeout(Duration.ofMillis(rpcTimeout))
                    .local(new LocalSettings(new LocalSettings.LogPolicy(logMaxSize, logKeep), processControl,
                            classDataArchive))
                    .docker(dockerSettings())
                    .ports(ports)
                    .portOffset(portOffset)
                    .startsStack(startsStack())
                    .stopsStack(stopsStack())
                    .console(console())
                    .build();
            configuration = new ConfigurationProcessor(raw, buildContext());
        }
        return configuration;
    }

    /** What only Maven knows (artifacts, settings.xml servers, -D properties), for the Maven-free configuration. */
    protected BuildContext buildContext() {
        return new MavenBuildContext(session, project, plugin, settings,
                new MavenBuildContext.Components(repositorySystem, settingsDecrypter));
    }

    /** Whether this goal may start services (and so choose and record the stack's ports). */
    protected boolean startsStack() {
        return false;
    }

    /** Whether this goal stops services (it then follows the recorded ports, whatever the build asks for). */
    protected boolean stopsStack() {
        return false;
    }

    /** The docker environment's settings; a goal with docker parameters of its own adds them. */
    protected DockerSettings dockerSettings() {
        return DockerSettings.builder().composeFile(composeFile == null ? null : composeFile.toPath())
                .project(composeProject).composeCommand(ComposeCli.split(composeCommand))
                .javaImage(dockerJavaImage).postgresImage(dockerPostgresImage).context(dockerContext)
                .publishAddress(dockerPublishAddress).serviceHost(dockerServiceHost)
                .environment(buildContext().environment()).build();
    }

    /**
     * The value of a parameter that has a short name and a namespaced twin (-Dservice= and
     * -Dgladys.service=): the namespaced one wins when both are given; blank counts as not given.
     */
    protected static String eitherOf(String namespaced, String shortName) {
        if (namespaced != null && !namespaced.isBlank()) {
            return namespaced.trim();
        }
        return shortName == null || shortName.isBlank() ? null : shortName.trim();
    }

    /** A property from the command line, or else from the project's properties (gladys.&lt;goal&gt;.skip). */
    private String property(String key) {
        String v = session.getUserProperties().getProperty(key);
        if (v == null) {
            v = System.getProperty(key);
        }
        if ((v == null || v.isBlank()) && project != null) {
            v = project.getProperties().getProperty(key);
        }
        return v;
    }

    /** The project directory; without a pom, the directory Maven was started in. */
    protected Path basedir() {
        if (project != null && project.getBasedir() != null) {
            return project.getBasedir().toPath();
        }
        return Path.of(session.getExecutionRootDirectory());
    }
}

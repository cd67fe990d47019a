// A Neo4j Community server for kg's tests and benchmarks, started by scripts/neo4j.sh:
// the embedded DatabaseManagementService with its Bolt connector on 127.0.0.1 (a free port),
// auth enabled, the user `neo4j` with the password kept in DIR/password (0600).
//
//   java -cp 'lib/*:classes' KgNeo4j DIR
//
// Data and logs live under DIR. Prints `ready bolt://127.0.0.1:PORT` once Bolt accepts
// connections; SIGTERM shuts the databases down cleanly. With KG_NEO4J_EXIT_WITH=PID in the
// environment it also shuts down, the same way, once process PID is gone: a test run killed
// with SIGKILL (no teardown) leaves no server behind.

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

public final class KgNeo4j {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KgNeo4j DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dir);
        Path passwordFile = dir.resolve("password");
        if (!Files.exists(passwordFile)) {
            setInitialPassword(dir, passwordFile);
        }
        DatabaseManagementService dbms = builder(dir, true).build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "kg-neo4j-shutdown"));
        exitWith(System.getenv("KG_NEO4J_EXIT_WITH"));
        GraphDatabaseAPI system = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        HostnamePort bolt = system.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        waitForPort(bolt.getPort());
        System.out.println("ready bolt://127.0.0.1:" + bolt.getPort());
        System.out.flush();
        Thread.currentThread().join(); // until SIGTERM runs the shutdown hook
    }

    /** Exit (running the shutdown hook) once the process `pid` has ended; no-op when unset. */
    private static void exitWith(String pid) {
        if (pid == null || pid.isBlank()) {
            return;
        }
        long owner = Long.parseLong(pid.trim());
        Thread watch = new Thread(() -> {
            while (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.out.println("owner process " + owner + " ended; shutting down");
            System.out.flush();
            System.exit(0);
        }, "kg-neo4j-exit-with");
        watch.setDaemon(true);
        watch.start();
    }

    /** A first start without Bolt: nobody can log in with the default password meanwhile. */
    private static void setInitialPassword(Path dir, Path passwordFile) throws IOException {
        byte[] raw = new byte[18];
        new SecureRandom().nextBytes(raw);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        DatabaseManagementService dbms = builder(dir, false).build();
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } finally {
            dbms.shutdown();
        }
        Path tmp = dir.resolve("password.tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, password, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, passwordFile);
    }

    private static DatabaseManagementServiceBuilder builder(Path dir, boolean bolt) {
        return new DatabaseManagementServiceBuilder(dir)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.logs_directory, dir.resolve("logs"))
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(512))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(BoltConnector.enabled, bolt)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false);
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Bolt port " + port + " never opened");
    }
}

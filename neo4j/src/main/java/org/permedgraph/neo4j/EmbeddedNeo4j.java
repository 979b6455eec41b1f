// Starts an embedded Neo4j 5.26 Community database with only the Bolt connector, on
// 127.0.0.1, for development, tests and CI on machines without a Docker engine.
package org.permedgraph.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Usage: {@code java -jar neo4j-launcher.jar <boltPort> <dataDir> [pageCacheMiB]}.
 *
 * <p>With {@code -Dpermedgraph.exitOnStdinEof=true} it also exits when its stdin closes,
 * which is how the Node.js parent makes sure no database outlives it.
 *
 * <p>Prints exactly one line {@code NEO4J_READY bolt://127.0.0.1:<port>} on standard output
 * once the default database accepts transactions, and shuts the database down cleanly on
 * SIGTERM or SIGINT (the JVM runs shutdown hooks for both). Authentication is off because
 * the connector listens on the loopback interface only. Exit code 2 means bad arguments,
 * 1 means Neo4j failed to start.
 */
public final class EmbeddedNeo4j {
    private EmbeddedNeo4j() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: java -jar neo4j-launcher.jar <boltPort> <dataDir> [pageCacheMiB]");
            System.exit(2);
        }
        int port = parseInt(args[0], "boltPort", 1, 65535);
        Path dataDir = Path.of(args[1]).toAbsolutePath();
        long pageCacheMiB = args.length == 3 ? parseInt(args[2], "pageCacheMiB", 8, 1 << 20) : 128;
        Files.createDirectories(dataDir);

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(dataDir)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMiB))
                    // Dev and test data are disposable: keep few transaction logs on disk.
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                    .build();
        } catch (RuntimeException e) {
            System.err.println("NEO4J_FAILED " + e);
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("neo4j-launcher: shutting down");
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        if (Boolean.getBoolean("permedgraph.exitOnStdinEof")) {
            exitWhenParentGoes();
        }

        // Waits until the default database is online, so the ready line is the truth.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    /**
     * The parent process holds our stdin open; when it dies, even by SIGKILL, stdin reaches
     * end-of-file and we exit (running the shutdown hook) instead of lingering as an orphan.
     */
    private static void exitWhenParentGoes() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // Discard anything written to stdin; only end-of-file matters.
                }
            } catch (java.io.IOException ignored) {
                // A broken pipe means the parent is gone as well.
            }
            System.exit(0);
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static int parseInt(String value, String name, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            System.err.println("neo4j-launcher: " + name + " must be an integer from " + min + " to " + max + ", got '" + value + "'");
            System.exit(2);
            return -1;
        }
    }
}

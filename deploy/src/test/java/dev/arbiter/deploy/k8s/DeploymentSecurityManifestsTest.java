package dev.arbiter.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests (deploy/k8s) against what the services actually do with Kafka. What each service
 * writes, reads and which group it uses comes from its sources, not from a list kept here: the topics its outbox
 * appends to ({@code Topics.X} in its main code), its channels' topics and dead-letter topics and its group
 * ({@code application.properties}). A new channel, topic or service without its ACL, topic or principal fails
 * here. Plain file parsing (Jackson YAML, already on this module's classpath through the embedded Kafka broker):
 * nothing to install, no cluster.
 */
class DeploymentSecurityManifestsTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("String\\s+(\\w+)\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern OUTBOX_APPEND = Pattern.compile("append(?:All)?\\(\\s*(?:\\w+\\s*,\\s*)?Topics\\.(\\w+)");
    private static final Pattern CHANNEL_KEY = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");
    private static final Pattern JAAS_USER = Pattern.compile("ScramLoginModule required username=\"([^\"]+)\"");
    private static final Set<String> TOPIC_OPERATIONS_OF_A_WRITER = Set.of("Write", "Describe");
    private static final Set<String> TOPIC_OPERATIONS_OF_A_READER = Set.of("Read", "Describe");

    private static Path root;
    private static Map<String, KafkaUse> uses;
    private static Map<String, JsonNode> deployments;
    private static Map<String, JsonNode> configMaps;
    private static Map<String, JsonNode> kafkaUsers;
    private static List<JsonNode> kafkaTopics;
    private static JsonNode kafkaCluster;
    private static List<JsonNode> namespacePolicies;

    /** What one service does with Kafka, as its code and configuration say. */
    record KafkaUse(String service, Set<String> writes, Set<String> reads, Set<String> groups) {
    }

    @BeforeAll
    static void readSourcesAndManifests() throws IOException {
        root = repositoryRoot();
        Path k8s = root.resolve("deploy/k8s");
        List<JsonNode> applied = new ArrayList<>();
        for (JsonNode resource : documents(k8s.resolve("kustomization.yaml")).get(0).path("resources")) {
            applied.addAll(documents(k8s.resolve(resource.asText())));
        }
        deployments = byName(ofKind(applied, "Deployment"));
        configMaps = byName(ofKind(applied, "ConfigMap"));
        namespacePolicies = ofKind(applied, "NetworkPolicy");

        List<JsonNode> kafka = new ArrayList<>();
        for (JsonNode resource : documents(k8s.resolve("kafka/kustomization.yaml")).get(0).path("resources")) {
            kafka.addAll(documents(k8s.resolve("kafka").resolve(resource.asText())));
        }
        kafkaUsers = byName(ofKind(kafka, "KafkaUser"));
        kafkaTopics = ofKind(kafka, "KafkaTopic");
        List<JsonNode> clusters = ofKind(kafka, "Kafka");
        assertEquals(1, clusters.size(), "one Kafka cluster in deploy/k8s/kafka");
        kafkaCluster = clusters.get(0);

        assertFalse(deployments.isEmpty(), "no Deployment applied by deploy/k8s/kustomization.yaml");
        Map<String, String> topicConstants = topicConstants();
        uses = new TreeMap<>();
        for (String service : deployments.keySet()) {
            uses.put(service, kafkaUseOf(service, topicConstants));
        }
    }

    @Test
    void shouldLetEveryTopicBeWrittenByItsOwnerAlone() {
        Map<String, Set<String>> writersByAcl = new TreeMap<>();
        kafkaUsers.forEach((user, spec) -> topicAcls(spec).forEach((topic, operations) -> {
            if (operations.contains("Write")) {
                writersByAcl.computeIfAbsent(topic, t -> new TreeSet<>()).add(user);
            }
        }));
        Map<String, Set<String>> writersBySource = new TreeMap<>();
        uses.values().forEach(use -> use.writes().forEach(
                topic -> writersBySource.computeIfAbsent(topic, t -> new TreeSet<>()).add(use.service())));

        for (String topic : allTopicsUsed()) {
            Set<String> owners = writersBySource.getOrDefault(topic, Set.of());
            assertEquals(1, owners.size(), topic + " is written by " + owners + " in the sources: one owner per topic");
            assertEquals(owners, writersByAcl.getOrDefault(topic, Set.of()),
                    topic + ": the Write ACL must belong to its owner alone (kafka/kafka-users.yaml)");
        }
        assertEquals(writersBySource, writersByAcl, "a Write ACL on a topic its principal's service does not write");
    }

    @Test
    void shouldLetEachServiceReadOnlyWhatItConsumesAndUseOnlyItsOwnGroup() {
        assertEquals(uses.keySet(), kafkaUsers.keySet(), "one KafkaUser per service, named after it");
        for (KafkaUse use : uses.values()) {
            JsonNode user = kafkaUsers.get(use.service());
            assertEquals("scram-sha-512", user.at("/spec/authentication/type").asText(), use.service());
            assertEquals("simple", user.at("/spec/authorization/type").asText(), use.service());

            Set<String> reads = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                String type = acl.at("/resource/type").asText();
                String name = acl.at("/resource/name").asText();
                Set<String> operations = texts(acl.path("operations"));
                String where = use.service() + " " + type + " " + name;
                assertEquals("literal", acl.at("/resource/patternType").asText("literal"), where + ": no prefix ACLs");
                assertFalse(name.contains("*"), where + ": no wildcards");
                switch (type) {
                    case "topic" -> {
                        assertTrue(TOPIC_OPERATIONS_OF_A_WRITER.equals(operations)
                                || TOPIC_OPERATIONS_OF_A_READER.equals(operations), where + ": " + operations);
                        if (operations.contains("Read")) {
                            reads.add(name);
                        }
                    }
                    case "group" -> {
                        assertEquals(Set.of("Read"), operations, where);
                        groups.add(name);
                    }
                    default -> throw new AssertionError(where + ": only topic and group ACLs are needed");
                }
            }
            assertEquals(use.reads(), reads, use.service() + " reads exactly the topics its channels consume");
            assertEquals(use.groups(), groups, use.service() + " uses exactly its own consumer group(s)");
        }
    }

    @Test
    void shouldCreateEveryTopicTheServicesUseAndNoOther() {
        Set<String> declared = new TreeSet<>();
        for (JsonNode topic : kafkaTopics) {
            String name = topic.at("/spec/topicName").asText(topic.at("/metadata/name").asText());
            assertTrue(declared.add(name), "KafkaTopic " + name + " declared twice");
            assertEquals(kafkaCluster.at("/metadata/name").asText(), topic.at("/metadata/labels/strimzi.io~1cluster").asText(),
                    name + " belongs to the cluster");
        }
        assertEquals(allTopicsUsed(), declared, "the brokers do not auto-create topics: each one used needs a KafkaTopic");
    }

    @Test
    void shouldRunKafkaWithTlsScramListenersAndTheSimpleAuthorizer() {
        JsonNode kafka = kafkaCluster.at("/spec/kafka");
        assertFalse(kafka.path("listeners").isEmpty());
        for (JsonNode listener : kafka.path("listeners")) {
            String name = listener.path("name").asText();
            assertTrue(listener.path("tls").asBoolean(), "listener " + name + " must use TLS");
            assertTrue(Set.of("scram-sha-512", "tls").contains(listener.at("/authentication/type").asText()),
                    "listener " + name + " must authenticate clients");
        }
        assertEquals("simple", kafka.at("/authorization/type").asText(), "ACLs need an authorizer");
        assertEquals("false", kafka.at("/config/auto.create.topics.enable").asText(), "topics come from KafkaTopics");
        assertFalse(kafka.at("/config/allow.everyone.if.no.acl.found").asBoolean(false), "no ACL must mean no access");
    }

    @Test
    void shouldConnectEveryServiceOverSaslSslAsItsOwnPrincipal() {
        for (Map.Entry<String, JsonNode> deployment : deployments.entrySet()) {
            String service = deployment.getKey();
            JsonNode pod = deployment.getValue().at("/spec/template/spec");
            JsonNode containers = pod.path("containers");
            assertEquals(1, containers.size(), service + ": one container (a misindented list adds nameless ones)");
            JsonNode container = containers.get(0);
            assertEquals(service, container.path("name").asText(), service);
            Map<String, String> env = environmentOf(container);

            assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL"), service);
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"), service);
            String jaas = env.get("KAFKA_SASL_JAAS_CONFIG");
            assertNotNull(jaas, service + ": no KAFKA_SASL_JAAS_CONFIG");
            Matcher user = JAAS_USER.matcher(jaas);
            assertTrue(user.find(), service + ": " + jaas);
            assertEquals(service, user.group(1), service + " must log in as its own principal");
            assertTrue(kafkaUsers.containsKey(user.group(1)), "no KafkaUser " + user.group(1));
            assertFalse(jaas.matches(".*password=\"[^\"$]+\".*"), service + ": the password comes from a Secret");

            String truststore = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
            assertNotNull(truststore, service + ": no truststore for the brokers' CA");
            assertTrue(mountPaths(container).stream().anyMatch(truststore::startsWith),
                    service + ": " + truststore + " is not on a mounted volume");
            String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
            assertTrue(bootstrap != null && bootstrap.endsWith(":" + tlsListenerPort()),
                    service + " must use the TLS listener: " + bootstrap);
        }
    }

    @Test
    void shouldProbeAndScrapeEveryServiceOnItsManagementPortNeverThePublicOne() {
        for (Map.Entry<String, JsonNode> deployment : deployments.entrySet()) {
            String service = deployment.getKey();
            JsonNode container = deployment.getValue().at("/spec/template/spec/containers/0");
            Map<String, Integer> ports = new HashMap<>();
            container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            assertEquals(9000, ports.get("management"), service + ": the management interface (health, metrics) on 9000");
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertEquals("management", container.at("/" + probe + "/httpGet/port").asText(),
                        service + ": " + probe + " must use the management port");
            }
            assertEquals("9000", deployment.getValue().at("/spec/template/metadata/annotations/prometheus.io~1port").asText(),
                    service + ": Prometheus scrapes the management port");
        }
    }

    @Test
    void shouldDenyAllTrafficInTheNamespaceUnlessAPolicyAllowsIt() {
        boolean defaultDeny = namespacePolicies.stream().anyMatch(policy -> {
            JsonNode spec = policy.path("spec");
            return spec.path("podSelector").isEmpty()
                    && texts(spec.path("policyTypes")).containsAll(Set.of("Ingress", "Egress"))
                    && spec.path("ingress").isMissingNode() && spec.path("egress").isMissingNode();
        });
        assertTrue(defaultDeny, "a NetworkPolicy selecting every pod with no ingress or egress rule (deploy/k8s)");

        for (JsonNode policy : namespacePolicies) {
            for (JsonNode rule : policy.at("/spec/ingress")) {
                assertFalse(rule.path("from").isMissingNode() || rule.path("from").isEmpty(),
                        policy.at("/metadata/name").asText() + " admits ingress from anywhere");
            }
        }
    }

    @Test
    void shouldAdmitOnlyTheServicesToTheBrokers() {
        for (JsonNode listener : kafkaCluster.at("/spec/kafka/listeners")) {
            JsonNode peers = listener.path("networkPolicyPeers");
            assertFalse(peers.isEmpty(), "listener " + listener.path("name").asText() + " is open to every pod");
            Set<String> admitted = new TreeSet<>();
            for (JsonNode peer : peers) {
                assertFalse(peer.path("namespaceSelector").isMissingNode() && peer.path("podSelector").isMissingNode(),
                        "a peer with neither selector");
                assertEquals("arbiter", peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText(),
                        "peers come from namespace arbiter");
                for (JsonNode expression : peer.at("/podSelector/matchExpressions")) {
                    assertEquals("app.kubernetes.io/name", expression.path("key").asText());
                    assertEquals("In", expression.path("operator").asText());
                    admitted.addAll(texts(expression.path("values")));
                }
                admitted.add(peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText(""));
            }
            admitted.remove("");
            assertEquals(deployments.keySet(), admitted, "the brokers admit the services and nothing else");
        }
    }

    // ---- the services' sources

    private static KafkaUse kafkaUseOf(String service, Map<String, String> topicConstants) throws IOException {
        Path module = root.resolve(service);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(module.resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        String application = properties.getProperty("quarkus.application.name");
        assertEquals(service, application, service + ": quarkus.application.name names the Deployment and the group");

        Set<String> writes = new TreeSet<>();
        Set<String> reads = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Map<String, Map<String, String>> channels = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher channel = CHANNEL_KEY.matcher(key);
            if (channel.matches()) {
                channels.computeIfAbsent(channel.group(1) + " " + channel.group(2), c -> new HashMap<>())
                        .put(channel.group(3), properties.getProperty(key).trim());
            }
        }
        channels.forEach((channel, settings) -> {
            String topic = settings.getOrDefault("topic", channel.substring(channel.indexOf(' ') + 1));
            if (channel.startsWith("incoming ")) {
                reads.add(topic);
                groups.add(settings.getOrDefault("group.id", application));
                String deadLetter = settings.get("dead-letter-queue.topic");
                assertNotNull(deadLetter, service + " " + channel + " names its dead-letter topic");
                writes.add(deadLetter);
            } else {
                writes.add(topic);
            }
        });

        try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher append = OUTBOX_APPEND.matcher(Files.readString(source));
                while (append.find()) {
                    String topic = topicConstants.get(append.group(1));
                    assertNotNull(topic, source + ": Topics." + append.group(1));
                    writes.add(topic);
                }
            }
        }
        return new KafkaUse(service, writes, reads, groups);
    }

    private static Map<String, String> topicConstants() throws IOException {
        String topics = Files.readString(root.resolve("platform/src/main/java/dev/arbiter/platform/events/Topics.java"));
        Map<String, String> constants = new HashMap<>();
        Matcher constant = TOPIC_CONSTANT.matcher(topics);
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2));
        }
        assertFalse(constants.isEmpty(), "no topic constants in platform's Topics");
        return constants;
    }

    private static Set<String> allTopicsUsed() {
        Set<String> topics = new TreeSet<>();
        uses.values().forEach(use -> {
            topics.addAll(use.writes());
            topics.addAll(use.reads());
        });
        return topics;
    }

    // ---- the manifests

    private static Map<String, String> environmentOf(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            JsonNode configMap = configMaps.get(source.at("/configMapRef/name").asText());
            if (configMap != null) {
                configMap.path("data").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            }
        }
        for (JsonNode variable : container.path("env")) {
            if (variable.has("value")) {
                env.put(variable.path("name").asText(), variable.path("value").asText());
            }
        }
        return env;
    }

    private static Set<String> mountPaths(JsonNode container) {
        Set<String> paths = new TreeSet<>();
        container.path("volumeMounts").forEach(mount -> paths.add(mount.path("mountPath").asText()));
        return paths;
    }

    private static int tlsListenerPort() {
        for (JsonNode listener : kafkaCluster.at("/spec/kafka/listeners")) {
            if (listener.path("tls").asBoolean()) {
                return listener.path("port").asInt();
            }
        }
        throw new AssertionError("no TLS listener");
    }

    private static Map<String, Set<String>> topicAcls(JsonNode user) {
        Map<String, Set<String>> acls = new TreeMap<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            if ("topic".equals(acl.at("/resource/type").asText())) {
                acls.computeIfAbsent(acl.at("/resource/name").asText(), t -> new TreeSet<>())
                        .addAll(texts(acl.path("operations")));
            }
        }
        return acls;
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            return YAML.readValues(parser, JsonNode.class).readAll().stream()
                    .filter(node -> node != null && !node.isNull() && !node.isMissingNode())
                    .collect(Collectors.toList());
        }
    }

    private static List<JsonNode> ofKind(List<JsonNode> resources, String kind) {
        return resources.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
    }

    private static Map<String, JsonNode> byName(List<JsonNode> resources) {
        Map<String, JsonNode> named = new TreeMap<>();
        for (JsonNode resource : resources) {
            String name = resource.at("/metadata/name").asText();
            assertTrue(named.put(name, resource) == null, "two " + resource.path("kind").asText() + "s named " + name);
        }
        return named;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/k8s")) && Files.isDirectory(dir.resolve("platform"))) {
                return dir;
            }
        }
        throw new AssertionError("not inside the Arbiter repository: " + Path.of("").toAbsolutePath());
    }
}

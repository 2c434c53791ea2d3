package com.plantar.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gateway.deploy.Dockerfile.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docker/Dockerfile (no Docker engine runs here, so it is read, not built): the build stage runs the
 * wrapper build CI runs, the runtime stage runs the shaded jar as a non-root user with a data volume,
 * the gateway's ports and a health check.
 */
class DockerfileTest {
  private final Path root = DeployFiles.repositoryRoot();
  private final Dockerfile dockerfile = Dockerfile.parse(DeployFiles.read(root.resolve("docker/Dockerfile")));

  @Test
  void buildsWithTheMavenWrapperCommandOfTheBuildAndTheLauncher() {
    assertThat(dockerfile.stages()).hasSize(2);
    Stage build = dockerfile.stages().get(0);
    assertThat(build.from()).matches("eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-jdk(-\\w+)? AS build");
    List<String> runs = build.arguments("RUN");
    assertThat(runs).anySatisfy(run -> assertThat(run).endsWith("./mvnw -B -DskipTests package"));
    // CI runs scripts/test, which builds and tests with the same wrapper; ./plantar packages the same way.
    assertThat(DeployFiles.read(root.resolve(".ci/run"))).contains("exec bash scripts/test");
    assertThat(DeployFiles.read(root.resolve("scripts/test"))).contains("exec ./mvnw -B verify");
    assertThat(DeployFiles.read(root.resolve("plantar"))).contains("./mvnw -q -B -DskipTests package");
  }

  @Test
  void copiesTheShadedJarTheGatewayPomBuilds() {
    assertThat(DeployFiles.read(root.resolve("gateway/pom.xml"))).contains("<finalName>plantar</finalName>");
    assertThat(dockerfile.runtime().arguments("COPY"))
        .contains("--from=build /src/gateway/target/plantar.jar /opt/plantar/plantar.jar");
    assertThat(dockerfile.runtime().from()).isEqualTo(
        dockerfile.stages().get(0).from().replace("-jdk", "-jre").replace(" AS build", ""));
  }

  @Test
  void copiesOnlyFilesThatExistInTheBuildContext() {
    for (Stage stage : dockerfile.stages()) {
      for (String copy : stage.arguments("COPY")) {
        if (!copy.startsWith("--from=")) {
          String[] parts = copy.split(" ");
          for (int i = 0; i < parts.length - 1; i++) {
            assertThat(root.resolve(parts[i])).as(copy).exists();
          }
        }
      }
    }
    Path launcher = root.resolve("docker/plantar.sh");
    assertThat(Files.isExecutable(launcher)).isTrue();
    assertThat(DeployFiles.read(launcher)).contains("exec java ${JAVA_OPTS:-} -jar /opt/plantar/plantar.jar \"$@\"");
  }

  @Test
  void runsServeAsANonRootUserWithTheDataDirectoryOnAVolume() {
    Stage runtime = dockerfile.runtime();
    assertThat(runtime.arguments("USER")).singleElement().satisfies(user ->
        assertThat(user).doesNotStartWith("root").doesNotStartWith("0"));
    assertThat(runtime.arguments("VOLUME")).containsExactly("[\"/var/lib/plantar\"]");
    assertThat(runtime.arguments("ENTRYPOINT")).containsExactly("[\"plantar\"]");
    assertThat(runtime.arguments("CMD")).containsExactly("[\"serve\", \"--data-dir\", \"/var/lib/plantar\"]");
    assertThat(runtime.arguments("EXPOSE")).containsExactly("1883 8883 8080");
    assertThat(runtime.arguments("HEALTHCHECK")).singleElement().satisfies(check ->
        assertThat(check).contains("CMD [\"curl\", \"-fsS\"").contains("http://127.0.0.1:8080/health"));
    assertThat(DeployFiles.compose().path("services").path("gateway").path("volumes").get(0).asText())
        .endsWith(":/var/lib/plantar");
  }
}

package com.plantar.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gateway.processing.HelloParser;
import com.plantar.gateway.processing.InsoleDescription;
import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameView;
import com.plantar.simulator.device.InsoleConfig;
import com.plantar.simulator.device.VirtualInsole;
import com.plantar.simulator.model.GaitParameters;
import com.plantar.simulator.model.Side;
import com.plantar.simulator.model.StanceProfiles;
import com.plantar.simulator.model.WearerGait;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
  @TempDir Path dir;
  private Process mosquitto;
  private int port;
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startMosquitto() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
    String binary = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    mosquitto = new ProcessBuilder(binary, "-c", conf.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    Awaitility.await("mosquitto listening").atMost(Duration.ofSeconds(10)).until(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return true;
      } catch (IOException e) {
        return false;
      }
    });
  }

  @AfterEach
  void stopMosquitto() throws InterruptedException {
    mosquitto.toHandle().destroy();
    if (!mosquitto.waitFor(5, TimeUnit.SECONDS)) {
      mosquitto.toHandle().destroyForcibly();
    }
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new PlantarCommand());
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void fleetOfTwoWearersStreamsFromFourInsolesAndStopsAfterItsDuration() throws Exception {
    Set<Long> devicesSeen = ConcurrentHashMap.newKeySet();
    MqttClient probe = new MqttClient("tcp://127.0.0.1:" + port, "probe", new MemoryPersistence());
    probe.connect();
    probe.subscribe("insole/v1/t9/+/live", 0, (topic, message) -> {
      FrameView view = new FrameView();
      byte[] payload = message.getPayload();
      if (new FrameDecoder().decode(payload, 0, payload.length, view).isOk()) {
        devicesSeen.add(view.deviceId());
      }
    });
    try {
      int exit = run("simulate", "--broker", "tcp://127.0.0.1:" + port, "--wearers", "2",
          "--duration", "3s", "--tenant", "t9", "--profile", "mixed", "--samples-per-frame", "10");
      assertThat(exit).isZero();
    } finally {
      probe.disconnect();
      probe.close();
    }
    assertThat(devicesSeen).hasSize(4);
    assertThat(err.toString()).contains("devices 4/4 connected").contains("done: ");
  }

  @Test
  void simulatedHelloIsReadByTheGatewaysParserWithTheSameLayoutConfigIdAndCalibration() throws Exception {
    for (String layout : new String[] {"moticon16", "gaitpdb8"}) {
      WearerGait gait = new WearerGait(GaitParameters.typical(), StanceProfiles.load(layout), 1);
      VirtualInsole insole = new VirtualInsole(InsoleConfig.typical(0x42, Side.RIGHT, 1), gait);
      InsoleDescription description = new HelloParser().parse(insole.helloJson(9, 1234, 0, 0, 0));
      assertThat(description.side()).isEqualTo(com.plantar.gait.FootSide.RIGHT);
      assertThat(description.configId()).isEqualTo(insole.configId());
      assertThat(description.bootId()).isEqualTo(9);
      assertThat(description.cells()).hasSize(insole.cellCount());
      for (int c = 0; c < insole.cellCount(); c++) {
        InsoleDescription.Cell cell = description.cells().get(c);
        assertThat(cell.x()).isCloseTo(insole.layout().cell(c).x(), org.assertj.core.data.Offset.offset(0.001));
        assertThat(cell.y()).isCloseTo(insole.layout().cell(c).y(), org.assertj.core.data.Offset.offset(0.001));
        for (int adc : new int[] {0, 300, 1200, 2500, 3900, 4095}) {
          assertThat((double) cell.calibration().toKpa(adc))
              .isCloseTo(insole.calibration().toKpa(adc), org.assertj.core.data.Offset.offset(0.01));
        }
      }
    }
  }

  @Test
  void unknownProfileIsAUsageErrorNamingTheKnownOnes() {
    int exit = run("simulate", "--broker", "tcp://127.0.0.1:" + port, "--profile", "moonwalk");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("unknown profile 'moonwalk'").contains("pronator");
  }
}

package com.plantar.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.server.Gateway;
import com.plantar.gateway.testing.SmallDisk;
import com.plantar.protocol.MessageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's history upload on a gateway whose disk is nearly full (a 512 MiB tmpfs, {@link
 * SmallDisk}; skipped where it cannot be mounted): the publishes refused meanwhile are sent again
 * until they are stored. Before, the upload counted a refused publish as done, and said "done" with
 * most of the history missing.
 */
class DemoHistoryDiskFullIT {
  @TempDir Path dir;

  @Test
  void historyRefusedOnAFullDiskIsSentAgainUntilEveryFrameIsStored() throws Exception {
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "512m")) {
      GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(),
          Map.of("mqtt.host", "127.0.0.1", "mqtt.port", "0", "mqtt.tlsPort", "-1", "mqtt.webSocketPort", "-1",
              "http.port", "-1", "mqtt.sessionLoops", "1", "dataDir", disk.root().resolve("data").toString()));
      try (Gateway gateway = Gateway.start(config, false)) {
        // Room for the registry's writes and the first part of the upload, not for all of it.
        disk.fillLeaving(1 << 20);
        DemoRun demo = DemoRun.start(gateway, 1, 2);
        String status;
        try {
          await().atMost(Duration.ofSeconds(40)).until(() -> Files.getFileStore(disk.root()).getUsableSpace() < 64 << 10);
          await().atMost(Duration.ofSeconds(20)).until(() -> demo.historyStatus().contains("sent again"));
          disk.free();
          await().atMost(Duration.ofSeconds(50)).until(() -> !demo.historyStatus().contains("uploading"));
          status = demo.historyStatus();
          // The store catches up too: QuestDB's tables suspended on the full disk are resumed.
          await().atMost(Duration.ofSeconds(30)).until(
              () -> gateway.journal().checkpoint() == gateway.journal().durableIndex());
        } finally {
          demo.close();
        }
        // Every DATA frame of each history insole's boot is in the journal: no seq missing, none twice.
        List<AcceptedFrame> data = new ArrayList<>();
        gateway.journal().read(0, r -> {
          long device = r.frame().deviceId();
          if (r.frame().type() == MessageType.DATA
              && (device == DemoRun.HISTORY_LEFT || device == DemoRun.HISTORY_RIGHT)) {
            data.add(r.frame());
          }
        });
        Map<String, List<Long>> seqs = data.stream().collect(Collectors.groupingBy(
            f -> f.deviceId() + "/" + f.bootId(), Collectors.mapping(AcceptedFrame::seq, Collectors.toList())));
        assertThat(seqs).isNotEmpty().allSatisfy((boot, list) -> {
          long min = list.stream().mapToLong(Long::longValue).min().orElseThrow();
          long max = list.stream().mapToLong(Long::longValue).max().orElseThrow();
          assertThat(list).as(boot).doesNotHaveDuplicates().hasSize((int) (max - min + 1));
        });
        assertThat(status).contains("done").contains("sent again");
      }
    }
  }
}

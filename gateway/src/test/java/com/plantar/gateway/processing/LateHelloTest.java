package com.plantar.gateway.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gait.Alert;
import com.plantar.gait.FootSide;
import com.plantar.gait.GaitConfig;
import com.plantar.gait.GaitSummary;
import com.plantar.gait.StandingBalance;
import com.plantar.gait.Stride;
import com.plantar.gait.recording.Recording;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DecodeStatus;
import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.FrameView;
import com.plantar.protocol.Hello;
import com.plantar.protocol.MessageType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One foot's HELLO processed after the other foot's first DATA (the right insole switched on a few
 * seconds after the left, or its HELLO a publish behind the left's DATA on another shard) must not
 * restart the wearer's engine: the results are those of the HELLO-first order, stride for stride.
 * A changed layout of a foot that has streamed still restarts it. The walk is a real recording
 * (gaitpdb, recorded by others).
 */
class LateHelloTest {
  private static final WearerRef WEARER = new WearerRef("clinic", "pair-1");
  /** The right insole streams from this far into the walk: the left has taken two steps by then. */
  private static final long RIGHT_JOINS_US = 3_000_000;

  @Test
  void aFootsHelloAfterTheOtherFootsDataGivesTheResultsOfHelloFirst() throws Exception {
    assertLateHelloChangesNothing(0);
  }

  @Test
  void aFootsHelloAfterTheOtherFootsBacklogGivesTheResultsOfHelloFirst() throws Exception {
    assertLateHelloChangesNothing(CompatFlags.BACKLOG);
  }

  private static void assertLateHelloChangesNothing(int dataFlags) throws Exception {
    List<AcceptedFrame> frames = rightJoinsLater(WalkFrames.of(WalkFrames.walk(), WalkFrames.BOOT_UTC_US,
        WalkFrames.LEFT, WalkFrames.RIGHT, dataFlags));
    List<AcceptedFrame> data = frames.stream().filter(f -> f.type() == MessageType.DATA).toList();
    int firstRight = indexOfFirst(data, WalkFrames.RIGHT);

    List<AcceptedFrame> helloFirst = new ArrayList<>(context(frames, WalkFrames.LEFT));
    helloFirst.addAll(context(frames, WalkFrames.RIGHT));
    helloFirst.addAll(data);
    // Left HELLO, the left DATA up to the right insole's first, then the right HELLO and the rest.
    List<AcceptedFrame> lateHello = new ArrayList<>(context(frames, WalkFrames.LEFT));
    lateHello.addAll(data.subList(0, firstRight));
    lateHello.addAll(context(frames, WalkFrames.RIGHT));
    lateHello.addAll(data.subList(firstRight, data.size()));

    Results expected = process(helloFirst);
    Results actual = process(lateHello);

    assertThat(firstRight).as("left DATA frames before the right HELLO").isGreaterThan(10);
    assertThat(expected.strides).hasSizeGreaterThan(100)
        .as("a left stride in progress when the right HELLO comes (the one a restart lost)")
        .anyMatch(s -> s.foot() == FootSide.LEFT && spans(s, WalkFrames.BOOT_UTC_US + RIGHT_JOINS_US));
    assertThat(expected.strides.stream().filter(s -> !Double.isNaN(s.timing().doubleSupportS())).count())
        .as("double support needs both feet").isGreaterThan(expected.strides.size() * 9 / 10);
    // Records of numbers: element for element, exactly (ICs, toe-offs, every timing value, profiles).
    assertThat(actual.strides).containsExactlyElementsOf(expected.strides);
    assertThat(actual.summaries).containsExactlyElementsOf(expected.summaries);
    assertThat(actual.counters.dataWithoutHello()).isZero();
  }

  @Test
  void aChangedLayoutOfAFootThatHasStreamedRestartsTheEngine() throws Exception {
    List<AcceptedFrame> frames = WalkFrames.of(WalkFrames.walk());
    long changeAt = WalkFrames.BOOT_UTC_US + 30_000_000;
    // The right insole describes itself again half a minute in: once as before, once 15 mm shorter
    // (its cells sit elsewhere: what the engine learned of the right foot no longer holds).
    Results repeated = process(withHelloAt(frames, changeAt, 265));
    Results changed = process(withHelloAt(frames, changeAt, 250));
    Results undisturbed = process(frames);

    assertThat(undisturbed.strides).as("both feet have a stride across the change")
        .anyMatch(s -> s.foot() == FootSide.LEFT && spans(s, changeAt))
        .anyMatch(s -> s.foot() == FootSide.RIGHT && spans(s, changeAt));
    assertThat(repeated.strides).as("the same layout again changes nothing")
        .containsExactlyElementsOf(undisturbed.strides);
    assertThat(changed.strides).as("the engine restarted: no stride of either foot spans the change")
        .noneMatch(s -> spans(s, changeAt))
        .anyMatch(s -> s.foot() == FootSide.RIGHT && s.initialContactMicros() > changeAt)
        .anyMatch(s -> s.foot() == FootSide.LEFT && s.initialContactMicros() > changeAt);
    assertThat(changed.counters.dataWithoutHello()).isZero();
  }

  /** Everything one processor made of {@code frames}, in order. */
  private record Results(List<Stride> strides, List<Object> summaries, ProcessingCounters counters) {}

  private static Results process(List<AcceptedFrame> frames) {
    List<Stride> strides = new ArrayList<>();
    List<Object> summaries = new ArrayList<>();
    GaitOutput output = new GaitOutput() {
      @Override
      public void onStride(WearerRef wearer, Stride stride) {
        strides.add(stride);
      }

      @Override
      public void onWindow(WearerRef wearer, GaitSummary window) {
        summaries.add(window);
      }

      @Override
      public void onWalkingBout(WearerRef wearer, GaitSummary bout) {
        summaries.add(bout);
      }

      @Override
      public void onStandingBalance(WearerRef wearer, StandingBalance balance) {
        summaries.add(balance);
      }

      @Override
      public void onAlert(WearerRef wearer, Alert alert) {
        summaries.add(alert);
      }
    };
    FrameProcessor processor = new FrameProcessor(output, GaitConfig.defaults());
    long position = 0;
    for (AcceptedFrame frame : frames) {
      processor.process(frame, WEARER, position++);
    }
    processor.finish();
    return new Results(strides, summaries, processor.counters());
  }

  private static boolean spans(Stride s, long utcUs) {
    return s.initialContactMicros() < utcUs && s.nextInitialContactMicros() > utcUs;
  }

  /** Without the right insole's DATA before {@link #RIGHT_JOINS_US}: it was switched on later. */
  private static List<AcceptedFrame> rightJoinsLater(List<AcceptedFrame> frames) {
    return frames.stream().filter(f -> f.type() != MessageType.DATA || f.deviceId() != WalkFrames.RIGHT
        || f.receivedUtcUs() >= WalkFrames.BOOT_UTC_US + RIGHT_JOINS_US).toList();
  }

  private static List<AcceptedFrame> context(List<AcceptedFrame> frames, long device) {
    return frames.stream().filter(f -> f.type() != MessageType.DATA && f.deviceId() == device).toList();
  }

  private static int indexOfFirst(List<AcceptedFrame> data, long device) {
    for (int i = 0; i < data.size(); i++) {
      if (data.get(i).deviceId() == device) {
        return i;
      }
    }
    throw new AssertionError("no DATA of " + device);
  }

  /**
   * {@code frames} with the right insole's HELLO sent again at {@code utcUs} (before the DATA that
   * arrived from then on), saying the insole is {@code lengthMm} long; its clock reading matches the anchor.
   */
  private static List<AcceptedFrame> withHelloAt(List<AcceptedFrame> frames, long utcUs, int lengthMm) {
    AcceptedFrame hello = frames.stream()
        .filter(f -> f.type() == MessageType.HELLO && f.deviceId() == WalkFrames.RIGHT).findFirst().orElseThrow();
    FrameView view = new FrameView();
    assertThat(new FrameDecoder().decode(hello.bytes(), 0, hello.bytes().length, view)).isEqualTo(DecodeStatus.OK);
    String json = view.jsonText();
    String again = json.replace("\"mono_now_us\":0", "\"mono_now_us\":" + (utcUs - WalkFrames.BOOT_UTC_US))
        .replace("\"length_mm\":265", "\"length_mm\":" + lengthMm);
    assertThat(again).isNotEqualTo(json).contains("\"length_mm\":" + lengthMm);
    byte[] bytes = new FrameEncoder().encode(new Hello(new FrameHeader(0, WalkFrames.RIGHT, 1), again));
    AcceptedFrame sentAgain = new AcceptedFrame(hello.tenant(), hello.deviceId(), hello.bootId(), MessageType.HELLO,
        hello.seq(), 0, utcUs, bytes);
    List<AcceptedFrame> out = new ArrayList<>();
    boolean inserted = false;
    for (AcceptedFrame f : frames) {
      if (!inserted && f.type() == MessageType.DATA && f.receivedUtcUs() >= utcUs) {
        out.add(sentAgain);
        inserted = true;
      }
      out.add(f);
    }
    assertThat(inserted).isTrue();
    return out;
  }
}

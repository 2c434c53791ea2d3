package com.plantar.simulator.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The gait of one wearer: a schedule of strides, generated lazily from {@link GaitParameters} and a
 * seed, and the per-cell forces under each foot at any time of the last {@value #KEEP_SECONDS} s.
 * Both feet share the schedule, so steps alternate. Over whole strides of walking the left plus
 * right total force averages to body weight and the left foot carries {@code leftLoadShare} of it.
 *
 * <p>Deterministic: the same parameters, profiles and seed give the same forces. Not thread-safe:
 * owned by the thread that simulates the wearer's insoles.
 */
public final class WearerGait implements ForceSource {
  static final int KEEP_SECONDS = 30;
  private static final double TURN_STRIDES = 3;

  private final GaitParameters params;
  private final StanceProfiles profiles;
  private final SplittableRandom random;
  private final LoadShaper normal;
  private final LoadShaper turnLeft;
  private final LoadShaper turnRight;
  private final double planSeconds;
  private final List<Stride> strides = new ArrayList<>();
  private final double[] scratch;
  private long nextStartUs;
  private int turnStridesLeft;
  private boolean turningLeft;

  /** One stride of the schedule; right heel strike at {@code startUs + durationUs / 2}. */
  record Stride(long startUs, long durationUs, Activity activity, double stance, double leftAmp,
      double rightAmp, int turn) {
    long endUs() {
      return startUs + durationUs;
    }
  }

  public WearerGait(GaitParameters params, StanceProfiles profiles, long seed) {
    this.params = params;
    this.profiles = profiles;
    this.random = new SplittableRandom(seed);
    this.normal = new LoadShaper(profiles, params.pronation(), params.arch(), params.strike());
    // In a turn the outer foot rolls laterally, the inner one medially.
    this.turnLeft = new LoadShaper(profiles, clamp(params.pronation() - 0.5), params.arch(), params.strike());
    this.turnRight = new LoadShaper(profiles, clamp(params.pronation() + 0.5), params.arch(), params.strike());
    double total = 0;
    for (ActivityPeriod period : params.plan()) {
      total += period.seconds();
    }
    this.planSeconds = total;
    this.scratch = new double[profiles.layout().cellCount()];
  }

  public GaitParameters parameters() {
    return params;
  }

  @Override
  public SensorLayout layout() {
    return profiles.layout();
  }

  /** What the wearer is doing at {@code tUs} (µs since the wearer started). */
  public Activity activityAt(long tUs) {
    double t = (tUs / 1e6) % planSeconds;
    for (ActivityPeriod period : params.plan()) {
      if (t < period.seconds()) {
        return period.activity();
      }
      t -= period.seconds();
    }
    return params.plan().get(params.plan().size() - 1).activity();
  }

  /**
   * Writes the force (N) on each cell under {@code side} at {@code tUs} into {@code out}. Times may
   * go back by at most {@value #KEEP_SECONDS} s from the latest time asked for; earlier ones read 0.
   */
  @Override
  public void forces(Side side, long tUs, double[] out) {
    while (nextStartUs <= tUs) {
      strides.add(nextStride());
    }
    prune(tUs);
    Arrays.fill(out, 0);
    for (int i = strides.size() - 1; i >= 0; i--) {
      Stride stride = strides.get(i);
      if (stride.endUs() + stride.durationUs() < tUs) {
        break;
      }
      if (stride.startUs() > tUs) {
        continue;
      }
      if (addStride(stride, side, tUs, out)) {
        return;
      }
    }
  }

  private boolean addStride(Stride stride, Side side, long tUs, double[] out) {
    double bodyWeight = params.bodyWeightNewtons();
    double share = side == Side.LEFT ? params.leftLoadShare() : 1 - params.leftLoadShare();
    switch (stride.activity()) {
      case STANDING, SITTING -> {
        if (tUs >= stride.endUs()) {
          return false;
        }
        double load;
        if (stride.activity() == Activity.STANDING) {
          double sway = 0.06 * Math.sin(2 * Math.PI * tUs / 7e6);
          load = bodyWeight * share * (1 + (side == Side.LEFT ? sway : -sway));
        } else {
          load = bodyWeight * 0.08 * share * 2;
        }
        for (int c = 0; c < out.length; c++) {
          out[c] = load * normal.resting(c);
        }
        return true;
      }
      default -> {
        long footStart = stride.startUs() + (side == Side.LEFT ? 0 : stride.durationUs() / 2);
        long stanceUs = (long) (stride.stance() * stride.durationUs());
        if (tUs < footStart) {
          return false;
        }
        boolean shuffling = stride.activity() == Activity.SHUFFLING;
        if (tUs >= footStart + stanceUs) {
          if (shuffling && tUs < footStart + stride.durationUs()) {
            addResting(out, 0.05 * bodyWeight * share * 2);
            return true;
          }
          return tUs < footStart + stride.durationUs();
        }
        double phase = (tUs - footStart) / (double) stanceUs;
        LoadShaper shaper = shaperFor(stride.turn(), side);
        shaper.shape(phase, scratch);
        double amp = side == Side.LEFT ? stride.leftAmp() : stride.rightAmp();
        if (shuffling) {
          // Flat contact: half the rolling profile, half a still foot's distribution.
          double total = 0;
          for (double v : scratch) {
            total += v;
          }
          for (int c = 0; c < out.length; c++) {
            out[c] = amp * 0.5 * (scratch[c] + total * shaper.resting(c));
          }
        } else {
          for (int c = 0; c < out.length; c++) {
            out[c] = amp * scratch[c];
          }
        }
        return true;
      }
    }
  }

  private void addResting(double[] out, double load) {
    for (int c = 0; c < out.length; c++) {
      out[c] = load * normal.resting(c);
    }
  }

  private LoadShaper shaperFor(int turn, Side side) {
    if (turn == 0) {
      return normal;
    }
    boolean outer = (turn < 0) == (side == Side.RIGHT);
    return outer ? turnLeft : turnRight;
  }

  private Stride nextStride() {
    long start = nextStartUs;
    Activity activity = activityAt(start);
    double strideS = params.strideSeconds();
    double stance = params.stanceFraction();
    int turn = 0;
    switch (activity) {
      case STANDING, SITTING -> strideS = 1.0;
      case SHUFFLING -> {
        strideS /= 1.15;
        stance = Math.max(stance, 0.7);
      }
      case WALKING -> {
        if (turnStridesLeft == 0 && params.turnsPerMinute() > 0
            && random.nextDouble() < params.turnsPerMinute() * strideS / 60) {
          turnStridesLeft = (int) TURN_STRIDES;
          turningLeft = random.nextBoolean();
        }
        if (turnStridesLeft > 0) {
          turnStridesLeft--;
          turn = turningLeft ? -1 : 1;
          strideS *= 1.15;
          stance = Math.min(0.85, stance + 0.05);
        }
      }
    }
    if (activity == Activity.WALKING || activity == Activity.SHUFFLING) {
      strideS *= 1 + params.strideVariability() * clampGaussian();
    }
    long durationUs = Math.max(200_000, Math.round(strideS * 1e6));
    double amp = params.bodyWeightNewtons() / (2 * stance * profiles.meanTotal());
    double jitterL = 1 + 0.5 * params.strideVariability() * clampGaussian();
    double jitterR = 1 + 0.5 * params.strideVariability() * clampGaussian();
    Stride stride = new Stride(start, durationUs, activity, stance,
        amp * 2 * params.leftLoadShare() * jitterL, amp * 2 * (1 - params.leftLoadShare()) * jitterR, turn);
    nextStartUs = start + durationUs;
    return stride;
  }

  private double clampGaussian() {
    double g = random.nextGaussian();
    return Math.max(-3, Math.min(3, g));
  }

  private void prune(long tUs) {
    long keepFrom = tUs - KEEP_SECONDS * 1_000_000L;
    int drop = 0;
    while (drop < strides.size() - 2 && strides.get(drop).endUs() + strides.get(drop).durationUs() < keepFrom) {
      drop++;
    }
    if (drop > 0) {
      strides.subList(0, drop).clear();
    }
  }

  private static double clamp(double pronation) {
    return Math.max(-1, Math.min(1, pronation));
  }
}

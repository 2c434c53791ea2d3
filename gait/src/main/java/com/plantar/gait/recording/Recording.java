package com.plantar.gait.recording;

/**
 * A recording of both feet, as read from a file. Either foot may be null (not recorded).
 *
 * @param name file name without extension, used to name outputs
 * @param format the source format
 * @param forceUnit unit of force values ("N", or "adc" for uncalibrated sensors)
 * @param left left foot, or null
 * @param right right foot, or null
 */
public record Recording(
    String name, RecordingFormat format, String forceUnit, FootRecording left, FootRecording right) {

  public long durationMicros() {
    long end = 0;
    if (left != null && left.size() > 0) {
      end = Math.max(end, left.timeMicros()[left.size() - 1]);
    }
    if (right != null && right.size() > 0) {
      end = Math.max(end, right.timeMicros()[right.size() - 1]);
    }
    return end;
  }
}

package com.plantar.protocol.wiresize;

/**
 * One foot's samples from a recording, already in wire units: {@code pressure[s][c]} as unsigned
 * counts, {@code imu[s][0..5]} as signed counts (or {@code null} when the recording has no IMU).
 */
record FootSeries(String name, int[][] pressure, int[][] imu) {
  int samples() {
    return pressure.length;
  }
}

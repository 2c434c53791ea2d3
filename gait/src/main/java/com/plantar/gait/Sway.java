package com.plantar.gait;

/**
 * Centre-of-pressure sway of one foot while standing, in its foot frame.
 *
 * @param pathLengthMm total CoP path length
 * @param meanVelocityMmPerS path length / duration
 * @param ellipseArea95Mm2 area of the 95 % prediction ellipse of the CoP positions
 */
public record Sway(double pathLengthMm, double meanVelocityMmPerS, double ellipseArea95Mm2) {}

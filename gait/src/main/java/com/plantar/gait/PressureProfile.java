package com.plantar.gait;

/**
 * What a cell layout adds to a stance: the centre-of-pressure (CoP) path, or "gait line", in the
 * foot frame of {@link FootLayout} (mm, x lateral, y towards the toes), and regional loads.
 *
 * @param startXMm first CoP point (heel side at a heel strike)
 * @param startYMm first CoP point
 * @param endXMm last CoP point before toe-off
 * @param endYMm last CoP point
 * @param lengthMm gait line length: path length of the CoP
 * @param widthMm gait line width: medial-lateral range of the CoP
 * @param mlExcursionMm range of the CoP's signed lateral distance from the start-to-end line
 * @param cpeiPct centre-of-pressure excursion index (Song et al. 1996): lateral distance of the CoP
 *     from the start-to-end line at the distal third of the layout, % of the layout width; lower
 *     means a more medial (pronated) roll-off
 * @param heelShare share of the stance impulse on heel cells (0..1); likewise the next five
 * @param midfootShare midfoot share
 * @param forefootShare forefoot share
 * @param toesShare toes share
 * @param medialShare cells medial of the layout's midline
 * @param lateralShare cells lateral of it
 * @param heelPeakKpa peak cell pressure in the heel (NaN when cell areas are unknown); likewise
 * @param midfootPeakKpa midfoot peak pressure
 * @param forefootPeakKpa forefoot peak pressure
 * @param toesPeakKpa toes peak pressure
 * @param archIndexPct arch proxy: midfoot share of the impulse in %, higher = flatter foot
 */
public record PressureProfile(
    double startXMm,
    double startYMm,
    double endXMm,
    double endYMm,
    double lengthMm,
    double widthMm,
    double mlExcursionMm,
    double cpeiPct,
    double heelShare,
    double midfootShare,
    double forefootShare,
    double toesShare,
    double medialShare,
    double lateralShare,
    double heelPeakKpa,
    double midfootPeakKpa,
    double forefootPeakKpa,
    double toesPeakKpa,
    double archIndexPct) {}

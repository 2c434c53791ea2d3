package com.plantar.gateway.journal;

import com.plantar.gateway.ingest.AcceptedFrame;

/** One record read back from the journal: its index (gap-free, from 0) and the frame it holds. */
public record JournalRecord(long index, AcceptedFrame frame) {}

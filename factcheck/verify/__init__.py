"""Verification: candidate passages aligned to a quote, judged against its speaker, with a calibrated confidence."""

from factcheck.verify.decision import Assessment, Claim
from factcheck.verify.matches import Match
from factcheck.verify.verifier import DEFAULT_CALIBRATION, AlignmentVerifier, load_calibrator

__all__ = ["DEFAULT_CALIBRATION", "AlignmentVerifier", "Assessment", "Claim", "Match", "load_calibrator"]

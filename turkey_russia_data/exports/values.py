"""Cell values of the loader's DataFrames as plain Python values for the writers."""

from __future__ import annotations

import math

import pandas as pd


def is_missing(value: object) -> bool:
    """An empty cell, however the DataFrame holds it: None, pd.NA, NaT or a float NaN."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))

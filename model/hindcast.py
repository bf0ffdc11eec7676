"""Hindcast: start in 2017 with what was known then and compare with the turnover observed afterwards.

In 2017 an analyst had the 2017 turnover (USD 2.0bn) and no usable trend (no earlier bilateral figure in
our data). The model's trend equation (eq. 1) is therefore run with trade growing in step with the two
economies' combined nominal USD GDP (unit income elasticity, the gravity benchmark), conditional on the
GDP that was realised: an ex-post conditional hindcast. Its error measures how much faster than the
economies the trade actually grew after the 2017 opening.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.data import COUNTRIES, BaselineTables, macro_series

START_YEAR = 2017


def hindcast(tables: BaselineTables, start: int = START_YEAR) -> pd.DataFrame:
    """Observed and hindcast turnover for every observed year after ``start``, with the error in %."""
    trade = tables.bilateral.set_index("year")["turnover_usd_bn"]
    gdp = sum(macro_series(tables, "gdp_current_usd", country) for country in COUNTRIES)
    years = [year for year in trade.index if year > start and year in gdp.index]
    projected = trade[start] * gdp[years] / gdp[start]
    frame = pd.DataFrame({"year": years, "observed_usd_bn": trade[years].to_numpy(),
                          "hindcast_usd_bn": projected.to_numpy()})
    frame["error_pct"] = 100 * (frame["hindcast_usd_bn"] / frame["observed_usd_bn"] - 1)
    return frame


def hindcast_errors(frame: pd.DataFrame) -> dict[str, float]:
    """Mean absolute percentage error, mean error (bias, %) and root mean squared error (USD bn)."""
    difference = frame["hindcast_usd_bn"] - frame["observed_usd_bn"]
    return {"mape_pct": float(frame["error_pct"].abs().mean()), "bias_pct": float(frame["error_pct"].mean()),
            "rmse_usd_bn": float(np.sqrt((difference**2).mean()))}

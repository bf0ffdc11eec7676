"""Hamkorlik's model: pure numpy/pandas, usable from a notebook, the CLI and the app.

>>> from model import load_model
>>> model = load_model()
>>> result = model.run({"trade_growth": 15})
"""

from model.api import Model, load_model

__all__ = ["Model", "load_model"]

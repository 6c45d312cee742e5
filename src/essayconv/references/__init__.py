"""Reference strings into CSL-JSON: a CRF sequence labeller (crf.py, train.py) with rules for names, dates, fields."""

#!/usr/bin/env python3
"""Reads a dealtrack deals CSV the way an economist would (pandas) and prints what pandas saw.

usage: scripts/readback.py deals.csv

Shows that the CSV loads without options: the BOM of --excel is handled by encoding
"utf-8-sig", amounts and quantities come in as numbers, and sums per currency can be taken
directly. Exit status 1 if a numeric column is read as text.
"""
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1], encoding="utf-8-sig")
print("rows", len(df))
for col in ("amount", "quantity", "amount_max", "start", "end"):
    print(col, df[col].dtype)
bad = [c for c in ("amount", "quantity", "start", "end") if df[c].dtype == object]
for cur, total in df.groupby("currency")["amount"].sum().items():
    print("sum", cur, format(total, ".0f"))
sys.exit(1 if bad else 0)

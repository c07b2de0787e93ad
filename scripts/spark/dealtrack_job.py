#!/usr/bin/env python3
"""Runs `dealtrack extract` over a corpus on a Spark cluster, where the data is.

    spark-submit --master 'local[2]' scripts/spark/dealtrack_job.py \
        --binary target/release/dealtrack INPUT OUTPUT_DIR

INPUT is either
  * JSON Lines articles (`{"id", "text" | "html", "date"?, "lang"?, "title"?, "url"?}`): a file,
    a directory or a glob, on any Hadoop file system (file:, hdfs:, s3a:, ...); or
  * with --warc-list, a text file listing WARC archives (.warc, .warc.gz), one path or URI a line
    (`#` comments and blank lines ignored). Local paths should be absolute.

Extraction is per article, so each partition is piped through the dealtrack binary, which Spark
ships to the executors (SparkContext.addFile, SparkFiles.get):

    dealtrack extract - --input jsonl --format jsonl --no-merge --stdin-name FILE

`--stdin-name FILE` names each record `FILE#id`, as a run over the file on one machine does, so the
deals (and their ids) are the same as a local run's. Give every record an `id`: one without is
named by its line number within the Spark partition, not the file. A WARC archive is read by the
executor that gets it: a local path is passed to dealtrack as it is; any other URI is streamed
with `hadoop fs -cat URI | dealtrack extract - --input warc --stdin-name URI`.

OUTPUT_DIR receives the deals and announced totals as JSON Lines part files (part-00000, ...,
in input order), the lines of `dealtrack extract --format jsonl`; with --parquet, the deals as
Parquet instead. Cross-source tracking then runs on one machine over the deals alone:

    dealtrack extract --deals OUTPUT_DIR          # one row per deal, merged across articles
    dealtrack summary --deals OUTPUT_DIR --by month
    dealtrack check --deals OUTPUT_DIR

dealtrack's diagnostics (bad lines, corrupt WARC records) go to the executors' stderr. Exit
status 2 (bad input, reported and skipped) does not fail a task; any other failure does.
"""

import argparse
import os
import subprocess
import sys
import threading


def local_path(uri):
    """The local path of a `file:` URI or a plain path; None for other file systems."""
    if uri.startswith("file://"):
        return uri[len("file://"):]
    if uri.startswith("file:"):
        return uri[len("file:"):]
    if "://" in uri or uri.startswith("hdfs:") or uri.startswith("s3a:"):
        return None
    return uri


def dealtrack_binary(name):
    """The shipped binary on this executor, made executable (addFile may drop the mode bits)."""
    from pyspark import SparkFiles

    path = SparkFiles.get(name)
    if not os.access(path, os.X_OK):
        os.chmod(path, 0o755)
    return path


def pipe(cmd, chunks):
    """Runs `cmd`, writing `chunks` (bytes) to its stdin from a thread, yielding its stdout lines."""
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    failure = []

    def feed():
        try:
            for chunk in chunks:
                proc.stdin.write(chunk)
        except BrokenPipeError:
            pass
        except BaseException as e:  # reported after the process ends: no partial input passes
            failure.append(e)
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    for line in proc.stdout:
        yield line.decode("utf-8").rstrip("\n")
    feeder.join()
    code = proc.wait()
    if failure:
        raise failure[0]
    # 2: bad input, already reported on stderr; the rest of the input was read.
    if code not in (0, 2):
        raise RuntimeError(f"{' '.join(cmd)} exited with status {code}")


def extract_args(binary, extra):
    return [dealtrack_binary(binary), "extract", "--format", "jsonl", "--no-merge"] + extra


def jsonl_partition(binary, name, extra):
    """A function piping one partition of the JSON Lines file `name` through dealtrack."""

    def run(lines):
        cmd = extract_args(binary, extra) + ["-", "--input", "jsonl", "--stdin-name", name]
        return pipe(cmd, (line + b"\n" for line in lines))

    return run


def warc_partition(binary, extra):
    """A function extracting the WARC archives of one partition (a list of paths or URIs)."""

    def run(uris):
        for uri in uris:
            path = local_path(uri)
            if path is not None:
                cmd = extract_args(binary, extra) + [path]
                yield from pipe(cmd, iter(()))
                continue
            cat = subprocess.Popen(["hadoop", "fs", "-cat", uri], stdout=subprocess.PIPE)
            cmd = extract_args(binary, extra) + ["-", "--input", "warc", "--stdin-name", uri]
            yield from pipe(cmd, iter(lambda: cat.stdout.read(1 << 16), b""))
            if cat.wait() != 0:
                raise RuntimeError(f"hadoop fs -cat {uri} exited with status {cat.returncode}")

    return run


def input_files(sc, pattern):
    """The data files a path, directory or glob names, directories' files in name order (as
    dealtrack reads a directory), as Hadoop paths (file:/..., hdfs://...)."""
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(pattern)
    fs = path.getFileSystem(sc._jsc.hadoopConfiguration())
    statuses = fs.globStatus(path) or []
    files = []
    for st in sorted(statuses, key=lambda s: s.getPath().toString()):
        if st.isDirectory():
            children = [
                c.getPath().toString()
                for c in fs.listStatus(st.getPath())
                if c.isFile() and not c.getPath().getName().startswith(("_", "."))
            ]
            files.extend(sorted(children))
        else:
            files.append(st.getPath().toString())
    return files


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True, help="the dealtrack binary (built for the executors' platform)")
    ap.add_argument("--warc-list", action="store_true", help="INPUT lists WARC archives, one a line")
    ap.add_argument("--partitions", type=int, default=0,
                    help="at least this many partitions per JSON Lines file (default: Spark's)")
    ap.add_argument("--parquet", action="store_true", help="write the deals as Parquet, not JSON Lines")
    ap.add_argument("--dealtrack-args", default="",
                    help="more arguments for `dealtrack extract`, e.g. '--lang vi --aliases aliases.tsv'")
    ap.add_argument("input")
    ap.add_argument("output_dir")
    args = ap.parse_args(argv)

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("dealtrack").getOrCreate()
    sc = spark.sparkContext
    # A local path (made absolute) or a URI that addFile can fetch (hdfs://..., s3a://...).
    binary = args.binary if "://" in args.binary else os.path.abspath(args.binary)
    sc.addFile(binary)
    name = binary.rstrip("/").rsplit("/", 1)[-1]
    extra = args.dealtrack_args.split()

    if args.warc_list:
        uris = [
            line.strip()
            for line in sc.textFile(args.input).collect()
            if line.strip() and not line.strip().startswith("#")
        ]
        if not uris:
            sys.exit(f"dealtrack_job: {args.input}: no WARC archives listed")
        # One archive a partition, in the order listed.
        out = sc.parallelize(uris, len(uris)).mapPartitions(warc_partition(name, extra))
    else:
        files = input_files(sc, args.input)
        if not files:
            sys.exit(f"dealtrack_job: {args.input}: no input files")
        parts = []
        for f in files:
            lines = sc.textFile(f, args.partitions or None, use_unicode=False)
            source = local_path(f) or f
            parts.append(lines.mapPartitions(jsonl_partition(name, source, extra)))
        out = sc.union(parts) if len(parts) > 1 else parts[0]

    if args.parquet:
        deals = out.filter(lambda line: '"record":"deal"' in line)
        spark.read.json(deals).drop("record").write.parquet(args.output_dir)
    else:
        out.saveAsTextFile(args.output_dir)
    spark.stop()


if __name__ == "__main__":
    main()

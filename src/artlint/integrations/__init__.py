"""artlint as a step of corpus pipelines, over records (artlint.records):

- `datatrove_step`: a datatrove `PipelineStep` (`pip install 'artlint[datatrove]'`);
- `dask_bag`: Dask bags of records or of file paths and URLs (`pip install 'artlint[dask]'`).

Each module imports its engine, so importing artlint never does.

May import: `artlint.records`, `artlint.api` and the layers below them.
"""

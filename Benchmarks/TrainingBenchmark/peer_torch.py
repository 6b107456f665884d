"""PyTorch peer of the Swift CTR trainer: the same FM and DeepFM on the same MovieLens-100k split.

Reads the split that `TrainingBenchmark` exports: one TSV per part, each line the label and then
one column per field with the global rows of the sample's values, comma-separated. A
multi-valued field is mean-pooled. Trains with the same hyper-parameters as the Swift run: embeddings uniform in
[-0.01, 0.01], first-order weights zero, nn.Linear's default initialisation for the MLP,
SparseAdam (lazy, like the Swift sparse Adam) for embeddings and first-order weights, Adam for
the bias and the MLP, mean binary cross-entropy, early stopping on validation AUC with the best
epoch restored. Runs on the CPU with 2 threads unless --threads says otherwise.

Usage: peer_torch.py SPLIT_FOLDER [--model fm|deepfm] [--epochs N] [--batch-size N]
       [--learning-rate X] [--dimension N] [--patience N] [--seed N] [--threads N]
Prints one line: model, test AUC, test logloss, best epoch, training samples per second.
"""
import argparse
import json
import time

import numpy as np
import torch
from torch import nn


def read_part(path, field_count):
    labels, rows = [], []
    with open(path) as handle:
        for line in handle:
            columns = line.rstrip("\n").split("\t")
            labels.append(float(columns[0]))
            rows.append([[int(r) for r in column.split(",")] if column else [] for column in columns[1:1 + field_count]])
    return labels, rows


def to_slots(labels, rows, slot_counts, padding_row):
    """Packs each sample into fixed slots per field (padded), with mean-pooling weights."""
    slot_total = sum(slot_counts)
    indices = np.full((len(rows), slot_total), padding_row, dtype=np.int64)
    weights = np.zeros((len(rows), slot_total), dtype=np.float32)
    for sample, fields in enumerate(rows):
        start = 0
        for field, values in enumerate(fields):
            for position, row in enumerate(values):
                indices[sample, start + position] = row
                weights[sample, start + position] = 1.0 / len(values)
            start += slot_counts[field]
    return torch.tensor(labels, dtype=torch.float32), torch.from_numpy(indices), torch.from_numpy(weights)


class Model(nn.Module):
    def __init__(self, row_count, field_count, dimension, slot_field, deep):
        super().__init__()
        self.field_count = field_count
        self.dimension = dimension
        self.embedding = nn.Embedding(row_count + 1, dimension, padding_idx=row_count, sparse=True)
        self.first_order = nn.Embedding(row_count + 1, 1, padding_idx=row_count, sparse=True)
        with torch.no_grad():
            self.embedding.weight.uniform_(-0.01, 0.01)
            self.embedding.weight[row_count].zero_()
            self.first_order.weight.zero_()
        self.bias = nn.Parameter(torch.zeros(1))
        self.register_buffer("slot_field", slot_field)
        self.mlp = nn.Sequential(
            nn.Linear(field_count * dimension, 64), nn.ReLU(),
            nn.Linear(64, 32), nn.ReLU(),
            nn.Linear(32, 1)) if deep else None

    def forward(self, indices, weights):
        batch = indices.shape[0]
        slots = self.embedding(indices) * weights.unsqueeze(2)
        pooled = torch.zeros(batch, self.field_count, self.dimension).index_add_(1, self.slot_field, slots)
        linear = (self.first_order(indices).squeeze(2) * weights).sum(1)
        total = pooled.sum(1)
        interaction = 0.5 * (total * total - (pooled * pooled).sum(1)).sum(1)
        logit = self.bias + linear + interaction
        if self.mlp is not None:
            logit = logit + self.mlp(pooled.reshape(batch, -1)).squeeze(1)
        return logit


def auc(scores, labels):
    """Mann-Whitney AUC with tied scores sharing their average rank."""
    scores = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(labels)
    order = np.argsort(scores, kind="mergesort")
    sorted_scores = scores[order]
    ranks = np.empty(len(scores))
    start = 0
    while start < len(scores):
        end = start + 1
        while end < len(scores) and sorted_scores[end] == sorted_scores[start]:
            end += 1
        ranks[order[start:end]] = (start + 1 + end) / 2
        start = end
    positives = labels > 0.5
    count_positive = positives.sum()
    count_negative = len(labels) - count_positive
    return (ranks[positives].sum() - count_positive * (count_positive + 1) / 2) / (count_positive * count_negative)


def evaluate(model, part):
    labels, indices, weights = part
    with torch.no_grad():
        logits = torch.cat([model(indices[i:i + 4096], weights[i:i + 4096]) for i in range(0, len(labels), 4096)])
    probabilities = torch.sigmoid(logits).clamp(1e-7, 1 - 1e-7).double()
    target = labels.double()
    logloss = -(target * probabilities.log() + (1 - target) * (1 - probabilities).log()).mean().item()
    return auc(logits.numpy(), labels.numpy()), logloss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("split")
    parser.add_argument("--model", default="fm", choices=["fm", "deepfm"])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--learning-rate", type=float, default=0.003)
    parser.add_argument("--dimension", type=int, default=16)
    parser.add_argument("--patience", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=2)
    options = parser.parse_args()
    torch.set_num_threads(options.threads)
    torch.manual_seed(options.seed)

    with open(f"{options.split}/meta.json") as handle:
        meta = json.load(handle)
    field_count, row_count = meta["field_count"], meta["row_count"]
    parts = {name: read_part(f"{options.split}/{name}.tsv", field_count) for name in ("train", "validation", "test")}
    slot_counts = [max(1, max(len(sample[field]) for _, rows in parts.values() for sample in rows))
                   for field in range(field_count)]
    slot_field = torch.tensor([field for field in range(field_count) for _ in range(slot_counts[field])])
    tensors = {name: to_slots(labels, rows, slot_counts, row_count) for name, (labels, rows) in parts.items()}

    model = Model(row_count, field_count, options.dimension, slot_field, options.model == "deepfm")
    sparse_parameters = [model.embedding.weight, model.first_order.weight]
    dense_parameters = [p for name, p in model.named_parameters() if not name.startswith(("embedding", "first_order"))]
    sparse_optimizer = torch.optim.SparseAdam(sparse_parameters, lr=options.learning_rate)
    dense_optimizer = torch.optim.Adam(dense_parameters, lr=options.learning_rate)
    loss_function = nn.BCEWithLogitsLoss()

    labels, indices, weights = tensors["train"]
    best_auc, best_epoch, best_state = -1.0, 0, None
    training_seconds, samples_seen = 0.0, 0
    for epoch in range(1, options.epochs + 1):
        order = torch.randperm(len(labels))
        start = time.perf_counter()
        model.train()
        for first in range(0, len(labels), options.batch_size):
            batch = order[first:first + options.batch_size]
            sparse_optimizer.zero_grad()
            dense_optimizer.zero_grad()
            loss = loss_function(model(indices[batch], weights[batch]), labels[batch])
            loss.backward()
            sparse_optimizer.step()
            dense_optimizer.step()
        training_seconds += time.perf_counter() - start
        samples_seen += len(labels)
        model.eval()
        validation_auc, _ = evaluate(model, tensors["validation"])
        if validation_auc > best_auc:
            best_auc, best_epoch = validation_auc, epoch
            best_state = {key: value.clone() for key, value in model.state_dict().items()}
        elif epoch - best_epoch >= options.patience:
            break
    model.load_state_dict(best_state)
    test_auc, test_logloss = evaluate(model, tensors["test"])
    print(f"pytorch {options.model} ({options.threads} threads): test AUC {test_auc:.4f}, logloss {test_logloss:.4f}, "
          f"best epoch {best_epoch}, {samples_seen / training_seconds:.0f} samples/s")


if __name__ == "__main__":
    main()

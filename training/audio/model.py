"""The seed's CNN + BiLSTM (../shared/models/seed-audio/architecture.md) with 6 outputs.

The only change is dropout before each dense layer (training regularisation for a 454-clip
corpus); in eval mode it is the identity, so the exported graph is the seed's graph exactly.
"""
import torch
from torch import nn


class AudioEmotionNet(nn.Module):
    def __init__(self, num_labels=6, dropout=0.3):
        super().__init__()
        self.conv1 = nn.Conv1d(13, 64, kernel_size=5, padding=2)  # 'same' for k=5; explicit so ONNX export works
        self.bn1 = nn.BatchNorm1d(64)
        self.pool1 = nn.MaxPool1d(2, 2)
        self.conv2 = nn.Conv1d(64, 128, kernel_size=3, padding=1)  # 'same' for k=3
        self.bn2 = nn.BatchNorm1d(128)
        self.pool2 = nn.MaxPool1d(2, 2)
        self.bilstm = nn.LSTM(128, 64, num_layers=1, batch_first=True, bidirectional=True)
        self.drop = nn.Dropout(dropout)
        self.dense1 = nn.Linear(128, 128)
        self.dense2 = nn.Linear(128, num_labels)

    def forward(self, x):
        x = self.pool1(torch.relu(self.bn1(self.conv1(x))))
        x = self.pool2(torch.relu(self.bn2(self.conv2(x))))
        _, (h_n, _) = self.bilstm(x.permute(0, 2, 1))
        h = torch.cat([h_n[-2], h_n[-1]], dim=1)
        h = torch.relu(self.dense1(self.drop(h)))
        return self.dense2(self.drop(h))

import json

import numpy as np
import scipy
from scipy.stats import entropy, wasserstein_distance, energy_distance
from scipy.spatial.distance import pdist
def kl(p, q, bins):
    hp, edges = np.histogram(p, bins=bins, density=True)
    hq, _ = np.histogram(q, bins=edges, density=True)
    hp = hp + 1e-10; hq = hq + 1e-10
    hp /= hp.sum(); hq /= hq.sum()
    return float(entropy(hp, hq))
cases = []
p1 = [i / 10 for i in range(11)]; q1 = [-0.5, 0, 0.05, 0.1, 0.3, 1.0, 1.0, 1.5, 0.7]
p2 = [0.3, 0.3, 0.3]; q2 = [0.3, -0.1, 0.75, 0.8, -0.2]
p3 = [0.1, 0.7, 0.3, 0.5]; q3 = [0.3, 0.5, 0.30000000000000004, 0.49999999999999994, 0.7]
rng = np.random.default_rng(5)
p4 = rng.normal(size=300).tolist(); q4 = (rng.normal(size=200) * 1.3 + 0.4).tolist()
for name, p, q, bins in [('edges', p1, q1, 10), ('constant-p', p2, q2, 5), ('float-edges', p3, q3, 3), ('normal-37', p4, q4, 37)]:
    counts_p, edges = np.histogram(p, bins=bins)
    counts_q, _ = np.histogram(q, bins=edges)
    cases.append(dict(name=name, p=p, q=q, bins=bins, kl=kl(np.array(p), np.array(q), bins), edges=edges.tolist(), countsP=counts_p.tolist(), countsQ=counts_q.tolist()))
# 1-D extras
a = [3, 1, 1, -2, 5, 5, 5]; b = [1, 1, 0, 7]
one = dict(a=a, b=b, wasserstein=float(wasserstein_distance(a, b)), energy=float(energy_distance(a, b)))
# unbiased mmd and median heuristic
x = rng.random((40, 3)); y = rng.random((30, 3)) * 0.9 + 0.05
def k(a, b, s): return np.exp(-((a[:, None, :] - b[None]) ** 2).sum(-1) / (2 * s * s))
s = 0.3
kxx = k(x, x, s); kyy = k(y, y, s); kxy = k(x, y, s)
n, m = len(x), len(y)
unb = (kxx.sum() - np.trace(kxx)) / (n * (n - 1)) + (kyy.sum() - np.trace(kyy)) / (m * (m - 1)) - 2 * kxy.mean()
med = float(np.median(pdist(np.vstack([x, y]))))
sm = med
bm = kxx.mean() + kyy.mean() - 2 * kxy.mean()
bmed = k(x, x, sm).mean() + k(y, y, sm).mean() - 2 * k(x, y, sm).mean()
out = dict(generated_by='numpy %s, scipy %s: python3 test/metrics/numpy-cases.py' % (np.__version__, scipy.__version__), kl=cases, oneD=one,
           mmd=dict(x=x.tolist(), y=y.tolist(), sigma=s, biased=float(bm), unbiased=float(unb), medianSigma=med, biasedMedian=float(bmed)))
print(json.dumps(out))

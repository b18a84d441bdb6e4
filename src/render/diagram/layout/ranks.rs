//! Phase 1, ranks: each box's column, counted from the entries with cycles broken.

/// Columns: ranks by longest path from the entries over client-moving edges, after breaking
/// cycles at the back edges of a depth-first search that starts from the entries.
///
/// `entry[i]` tells whether box `i` is an entry, `ranked[e]` whether edge `e` orders its ends,
/// `ends[e]` the boxes edge `e` joins (`None`: not drawn). Returns one column per box, from 0,
/// with no empty column.
pub(super) fn ranks(
    entry: &[bool],
    ranked: &[bool],
    ends: &[Option<(usize, usize)>],
) -> Vec<usize> {
    let n = entry.len();
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut has_in = vec![false; n];
    for (e, end) in ends.iter().enumerate() {
        if let Some((a, b)) = *end
            && a != b
            && ranked[e]
        {
            out[a].push((e, b));
            has_in[b] = true;
        }
    }
    let mut roots: Vec<usize> = (0..n).filter(|&i| entry[i]).collect();
    if roots.is_empty() {
        roots = (0..n).filter(|&i| !has_in[i]).collect();
    }
    // Iterative DFS (long chains must not overflow the stack); 1 = on the stack, 2 = done.
    let mut state = vec![0u8; n];
    let mut back = vec![false; ends.len()];
    for start in roots.into_iter().chain(0..n) {
        if state[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        state[start] = 1;
        while let Some(top) = stack.last_mut() {
            let v = top.0;
            if let Some(&(e, w)) = out[v].get(top.1) {
                top.1 += 1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => back[e] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    // Longest path over the remaining (acyclic) edges, in topological order.
    let mut indeg = vec![0usize; n];
    for list in &out {
        for &(e, w) in list {
            if !back[e] {
                indeg[w] += 1;
            }
        }
    }
    let sources: Vec<bool> = indeg.iter().map(|&d| d == 0).collect();
    let mut rank = vec![0usize; n];
    let mut queue: Vec<usize> = (0..n).filter(|&i| indeg[i] == 0).collect();
    let mut topo = Vec::with_capacity(n);
    while let Some(v) = queue.pop() {
        topo.push(v);
        for &(e, w) in &out[v] {
            if back[e] {
                continue;
            }
            rank[w] = rank[w].max(rank[v] + 1);
            indeg[w] -= 1;
            if indeg[w] == 0 {
                queue.push(w);
            }
        }
    }
    // A source that is not an entry sits just before its first successor, not far left.
    for &v in topo.iter().rev() {
        if sources[v] && !entry[v] {
            let succ = out[v]
                .iter()
                .filter(|(e, _)| !back[*e])
                .map(|&(_, w)| rank[w])
                .min();
            if let Some(s) = succ {
                rank[v] = rank[v].max(s.saturating_sub(1));
            }
        }
    }
    // Nodes no client moves to or from sit beside the services they consult or inform.
    let moving: Vec<bool> = (0..n).map(|i| has_in[i] || !out[i].is_empty()).collect();
    let mut after: Vec<Option<usize>> = vec![None; n];
    let mut before: Vec<Option<usize>> = vec![None; n];
    for &(a, b) in ends.iter().flatten() {
        if a == b {
            continue;
        }
        if !moving[b] && moving[a] {
            after[b] = Some(after[b].map_or(rank[a] + 1, |r| r.max(rank[a] + 1)));
        }
        if !moving[a] && moving[b] {
            before[a] = Some(before[a].map_or(rank[b], |r| r.min(rank[b])));
        }
    }
    for i in (0..n).filter(|&i| !moving[i]) {
        rank[i] = match (after[i], before[i]) {
            (Some(r), _) => r,
            (None, Some(r)) => r.saturating_sub(1),
            _ => 0,
        };
    }
    // No empty columns.
    let mut used: Vec<usize> = rank.clone();
    used.sort_unstable();
    used.dedup();
    rank.iter()
        .map(|r| used.binary_search(r).unwrap_or(0))
        .collect()
}

/// Boxes that no edge touches, more than [`STACK`] in a lane, are dealt over the columns
/// round-robin (as many columns as the layout has, or about √(2k) for k such boxes, whichever is
/// more, so k boxes fill a landscape block rather than one column k boxes tall): the national
/// ecosystem's 22 regions, which hand no clients to one another, fit on a screen.
pub(super) fn spread_isolated(
    column: &mut [usize],
    lane_of: &[usize],
    ends: &[Option<(usize, usize)>],
) {
    let n = column.len();
    let mut touched = vec![false; n];
    for &(a, b) in ends.iter().flatten() {
        if a != b && a < n && b < n {
            touched[a] = true;
            touched[b] = true;
        }
    }
    let columns = column.iter().max().map_or(0, |c| c + 1);
    let mut lanes: Vec<usize> = lane_of.to_vec();
    lanes.sort_unstable();
    lanes.dedup();
    for lane in lanes {
        let isolated: Vec<usize> = (0..n)
            .filter(|&i| !touched[i] && lane_of.get(i) == Some(&lane))
            .collect();
        let k = isolated.len();
        if k <= STACK {
            continue;
        }
        let wide = ((2 * k) as f64).sqrt().ceil() as usize;
        let spread = columns.max(wide.min(k));
        for (j, &i) in isolated.iter().enumerate() {
            column[i] = j % spread;
        }
    }
}

/// How many unconnected boxes may stand in one column of a lane before they are spread.
const STACK: usize = 3;

#[cfg(test)]
mod tests {
    use super::{ranks, spread_isolated};

    #[test]
    fn many_unconnected_boxes_fill_a_block_and_few_stay_put() {
        // 22 boxes of one lane, no edges: 7 columns (√44 ≈ 6.6), at most 4 boxes each.
        let mut column = vec![0; 22];
        spread_isolated(&mut column, &[0; 22], &[]);
        assert_eq!(column.iter().max(), Some(&6));
        for c in 0..7 {
            let here = column.iter().filter(|&&x| x == c).count();
            assert!((3..=4).contains(&here), "column {c}: {here}");
        }
        // Three boxes and a connected pair stay where the ranks put them.
        let mut column = vec![0, 0, 0, 0, 1];
        spread_isolated(&mut column, &[0; 5], &[Some((3, 4))]);
        assert_eq!(column, [0, 0, 0, 0, 1]);
    }

    #[test]
    fn ranks_count_from_the_entries_over_ranked_edges_only() {
        // 0 → 1 → 2 → 1 (a cycle, broken at its back edge); 3 only informs 1; 4 → 2.
        let entry = [true, false, false, false, false];
        let ranked = [true, true, true, false, true];
        let ends = [
            Some((0, 1)),
            Some((1, 2)),
            Some((2, 1)),
            Some((3, 1)),
            Some((4, 2)),
        ];
        assert_eq!(ranks(&entry, &ranked, &ends), [0, 1, 2, 0, 1]);
        // Without an entry, columns start at the boxes nothing leads to; undrawn edges count not.
        let ends = [Some((1, 0)), None];
        assert_eq!(ranks(&[false, false], &[true, true], &ends), [1, 0]);
    }
}

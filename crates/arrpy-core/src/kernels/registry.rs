//! The op × tier registry: which ops have a native kernel at which tier. It is data, read by the
//! dispatcher (an op without a native kernel at a tier runs the next lower tier's) and by the
//! status table and capability queries exposed to Python — never a hand-written table.

use super::Tier;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct OpInfo {
    pub name: &'static str,
    /// Family, for grouping in the status table ("arithmetic", "comparison", "reduction", …).
    pub family: &'static str,
    /// Highest tier with a native kernel; higher tiers fall back to it.
    pub top: Tier,
}

impl OpInfo {
    pub const fn new(name: &'static str, family: &'static str, top: Tier) -> OpInfo {
        OpInfo { name, family, top }
    }

    /// The tier that actually runs when `requested` is selected.
    #[inline]
    pub fn effective(&self, requested: Tier) -> Tier {
        requested.min(self.top)
    }

    pub fn is_native(&self, tier: Tier) -> bool {
        tier <= self.top
    }
}

/// Every registered op, in a stable order: elementwise ops, then reductions.
pub fn all_ops() -> Vec<&'static OpInfo> {
    let mut ops: Vec<&'static OpInfo> = Vec::new();
    ops.extend(
        crate::ops::elementwise::BinaryOp::ALL
            .iter()
            .map(|op| op.info()),
    );
    ops.extend(
        crate::ops::elementwise::UnaryOp::ALL
            .iter()
            .map(|op| op.info()),
    );
    ops.push(&crate::ops::select::WHERE_INFO);
    ops.push(&crate::ops::select::CLIP_INFO);
    ops.extend(crate::ops::reduce::ReduceOp::ALL.iter().map(|op| op.info()));
    ops.extend([
        &crate::ops::reduce_stats::VAR_INFO,
        &crate::ops::reduce_stats::STD_INFO,
        &crate::ops::reduce_arg::ARGMIN_INFO,
        &crate::ops::reduce_arg::ARGMAX_INFO,
        &crate::ops::reduce_logic::ANY_INFO,
        &crate::ops::reduce_logic::ALL_INFO,
        &crate::ops::reduce_logic::COUNT_NONZERO_INFO,
        &crate::ops::reduce_stats::PTP_INFO,
        &crate::ops::reduce_nan::NANSUM_INFO,
        &crate::ops::reduce_nan::NANMEAN_INFO,
        &crate::ops::reduce_nan::NANMIN_INFO,
        &crate::ops::reduce_nan::NANMAX_INFO,
        &crate::ops::cumulative::CUMULATIVE_SUM_INFO,
        &crate::ops::cumulative::CUMULATIVE_PROD_INFO,
    ]);
    ops.push(&crate::ops::cast::CAST_INFO);
    ops
}

pub fn find(name: &str) -> Option<&'static OpInfo> {
    all_ops().into_iter().find(|op| op.name == name)
}

//! Every change to the site goes through [`Edit::apply`], which returns the edit that undoes
//! it: undo and redo are two stacks of edits.

use crate::model::{Device, Site};

/// A change to the site.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Put device `device` of floor `floor` at `to` (plan metres).
    MoveDevice {
        floor: usize,
        device: usize,
        to: [f64; 2],
    },
    /// Replace a device's fields (heading, fov, kind, zone…).
    SetDevice {
        floor: usize,
        device: usize,
        value: Box<Device>,
    },
}

impl Edit {
    /// Applies the edit and returns its inverse. Edits naming objects that no longer exist
    /// change nothing and return themselves.
    pub fn apply(self, site: &mut Site) -> Edit {
        match self {
            Edit::MoveDevice { floor, device, to } => {
                match site
                    .floors
                    .get_mut(floor)
                    .and_then(|f| f.devices.get_mut(device))
                {
                    Some(d) => {
                        let from = d.position;
                        d.position = to;
                        Edit::MoveDevice {
                            floor,
                            device,
                            to: from,
                        }
                    }
                    None => Edit::MoveDevice { floor, device, to },
                }
            }
            Edit::SetDevice {
                floor,
                device,
                value,
            } => {
                match site
                    .floors
                    .get_mut(floor)
                    .and_then(|f| f.devices.get_mut(device))
                {
                    Some(d) => {
                        let old = std::mem::replace(d, *value);
                        Edit::SetDevice {
                            floor,
                            device,
                            value: Box::new(old),
                        }
                    }
                    None => Edit::SetDevice {
                        floor,
                        device,
                        value,
                    },
                }
            }
        }
    }

    /// The device the edit changes.
    pub fn device(&self) -> (usize, usize) {
        match self {
            Edit::MoveDevice { floor, device, .. } | Edit::SetDevice { floor, device, .. } => {
                (*floor, *device)
            }
        }
    }
}

/// Undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl History {
    /// Applies an edit and remembers how to undo it; returns the device it changed.
    pub fn apply(&mut self, site: &mut Site, edit: Edit) -> (usize, usize) {
        let changed = edit.device();
        self.undo.push(edit.apply(site));
        self.redo.clear();
        changed
    }

    /// Undoes the last edit; returns the device it changed.
    pub fn undo(&mut self, site: &mut Site) -> Option<(usize, usize)> {
        let edit = self.undo.pop()?;
        let changed = edit.device();
        self.redo.push(edit.apply(site));
        Some(changed)
    }

    /// Redoes the last undone edit; returns the device it changed.
    pub fn redo(&mut self, site: &mut Site) -> Option<(usize, usize)> {
        let edit = self.redo.pop()?;
        let changed = edit.device();
        self.undo.push(edit.apply(site));
        Some(changed)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_returns_the_inverse_and_undo_redo_round_trip() {
        let mut site: Site = serde_json::from_value(serde_json::json!({
            "format": "sightline-site", "version": 1,
            "floors": [{ "id": "F", "devices": [{ "id": "c", "position": [1, 2], "heading": 0, "fov": 90 }] }]
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let original = site.clone();
        let mut h = History::default();
        h.apply(
            &mut site,
            Edit::MoveDevice {
                floor: 0,
                device: 0,
                to: [5.0, 6.0],
            },
        );
        assert_eq!(site.floors[0].devices[0].position, [5.0, 6.0]);
        let mut turned = site.floors[0].devices[0].clone();
        turned.heading = 90.0;
        h.apply(
            &mut site,
            Edit::SetDevice {
                floor: 0,
                device: 0,
                value: Box::new(turned),
            },
        );
        assert_eq!(site.floors[0].devices[0].heading, 90.0);
        assert_eq!(h.undo(&mut site), Some((0, 0)));
        assert_eq!(h.undo(&mut site), Some((0, 0)));
        assert_eq!(site, original);
        assert!(!h.can_undo() && h.can_redo());
        h.redo(&mut site);
        h.redo(&mut site);
        assert_eq!(site.floors[0].devices[0].position, [5.0, 6.0]);
        assert_eq!(site.floors[0].devices[0].heading, 90.0);
    }
}

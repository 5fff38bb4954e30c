//! A floor's static layers painted into an image on another thread (with vello_cpu, which egui
//! already uses for its glyphs), so that a whole large floor far out is drawn as one textured
//! rectangle instead of millions of vertices copied every frame.

use eframe::egui::{self, Color32, Pos2, Rect, Vec2};

/// What painting the layers into an image takes: their mesh (tessellated without feathering),
/// and where.
#[derive(Clone)]
pub struct Job {
    pub mesh: std::sync::Arc<egui::Mesh>,
    pub pixels_per_point: f32,
    /// The screen rectangle (points) the image should hold everything of.
    pub window: Rect,
    /// The canvas: the image must hold at least this.
    pub view: Rect,
    /// The largest texture side the graphics take, in pixels.
    pub max_side: usize,
    /// Gone when the canvas no longer wants the image (its scene was built again): the thread
    /// then stops early.
    pub wanted: std::sync::Weak<()>,
}

/// The layers painted: the image, the screen rectangle it covers (on whole pixels), and the
/// rectangle it holds everything of (the window, or less where a texture cannot be that large).
pub struct Painted {
    pub image: egui::ColorImage,
    pub covers: Rect,
    pub holds: Rect,
    /// Whether it holds all of the window.
    pub holds_window: bool,
}

/// Paints a job's mesh. `None` when the view is larger than a texture can be or nothing is
/// drawn.
pub fn run(job: Job) -> Option<Painted> {
    let ppp = job.pixels_per_point;
    let mesh = &job.mesh;
    // The window, cut to the largest texture the graphics take, around the view.
    let side = job.max_side as f32 / ppp;
    let limit = Rect::from_center_size(job.view.center(), Vec2::splat(side - 2.0));
    let holds = job.window.intersect(limit);
    if !holds.contains_rect(job.view) {
        return None;
    }
    // Only where something is drawn (a floor smaller than the window), strokes reaching past
    // the window included, on whole pixels.
    let drawn = holds
        .expand(4.0)
        .intersect(limit)
        .intersect(mesh.calc_bounds());
    let (x0, y0) = ((drawn.min.x * ppp).floor(), (drawn.min.y * ppp).floor());
    let (x1, y1) = ((drawn.max.x * ppp).ceil(), (drawn.max.y * ppp).ceil());
    if !(x1 > x0 && y1 > y0) {
        return None;
    }
    let covers = Rect::from_min_max(Pos2::new(x0 / ppp, y0 / ppp), Pos2::new(x1 / ppp, y1 / ppp));
    let wanted = || job.wanted.strong_count() > 0;
    let size = [(x1 - x0) as usize, (y1 - y0) as usize];
    let image = paint_while(mesh, covers.min, ppp, size, &wanted)?;
    Some(Painted {
        image,
        covers,
        holds,
        holds_window: holds == job.window,
    })
}

/// Runs a job on its own thread; the answer comes on the channel, and `ctx` is asked to paint
/// a frame again to show it.
pub fn spawn(job: Job, ctx: egui::Context) -> std::sync::mpsc::Receiver<Option<Painted>> {
    let (send, receive) = std::sync::mpsc::channel();
    let started = std::thread::Builder::new()
        .name("far-floor-image".into())
        .spawn(move || {
            // The canvas may have moved on (the channel closed): nothing to do then.
            if send.send(run(job)).is_ok() {
                ctx.request_repaint();
            }
        });
    // Without a thread the sender is gone: the receiver says so and the canvas keeps a mesh.
    drop(started);
    receive
}

/// Paints `mesh` — screen points, each triangle of one colour (tessellated without feathering) —
/// into an image of `size` pixels whose top-left corner is the screen point `origin`, at
/// `pixels_per_point` pixels a point. Edges are anti-aliased; runs of triangles of one colour are
/// filled as one path, so their shared edges leave no seams. `None` if the size is zero.
///
/// ```
/// use eframe::egui::{Color32, Mesh, Pos2};
/// let mut mesh = Mesh::default();
/// for p in [[1.0, 1.0], [9.0, 1.0], [9.0, 9.0], [1.0, 9.0]] {
///     mesh.colored_vertex(Pos2::new(p[0], p[1]), Color32::RED);
/// }
/// mesh.add_triangle(0, 1, 2);
/// mesh.add_triangle(0, 2, 3);
/// let image = sightline::app::mesh_image::paint(&mesh, Pos2::ZERO, 1.0, [10, 10]).unwrap();
/// assert_eq!(image.pixels[5 * 10 + 5], Color32::RED); // inside the square
/// assert_eq!(image.pixels[0], Color32::TRANSPARENT); // outside it
/// ```
pub fn paint(
    mesh: &egui::Mesh,
    origin: Pos2,
    pixels_per_point: f32,
    size: [usize; 2],
) -> Option<egui::ColorImage> {
    paint_while(mesh, origin, pixels_per_point, size, &|| true)
}

/// [`paint`], giving up (`None`) as soon as `wanted` says the image is no longer wanted.
fn paint_while(
    mesh: &egui::Mesh,
    origin: Pos2,
    pixels_per_point: f32,
    size: [usize; 2],
    wanted: &dyn Fn() -> bool,
) -> Option<egui::ColorImage> {
    use vello_cpu::kurbo::BezPath;
    let (w, h) = (u16::try_from(size[0]).ok()?, u16::try_from(size[1]).ok()?);
    if w == 0 || h == 0 {
        return None;
    }
    let mut ctx = vello_cpu::RenderContext::new(w, h);
    let pixel = |i: u32| {
        mesh.vertices.get(i as usize).map(|v| {
            (
                f64::from((v.pos.x - origin.x) * pixels_per_point),
                f64::from((v.pos.y - origin.y) * pixels_per_point),
                v.color,
            )
        })
    };
    let mut run: Option<(Color32, BezPath)> = None;
    for (n, t) in mesh.indices.chunks_exact(3).enumerate() {
        if n % 16_384 == 0 && !wanted() {
            return None;
        }
        let &[i, j, l] = t else { continue };
        let (Some(a), Some(b), Some(c)) = (pixel(i), pixel(j), pixel(l)) else {
            continue;
        };
        let colour = a.2;
        if colour.a() == 0 {
            continue;
        }
        // One turning sense for every triangle: where two of a run overlap, the non-zero rule
        // then fills the overlap once instead of cutting it out.
        let turn = (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0);
        let (b, c) = if turn < 0.0 { (c, b) } else { (b, c) };
        if run.as_ref().is_some_and(|(c, _)| *c != colour) {
            if let Some((c, path)) = run.take() {
                fill(&mut ctx, c, &path);
            }
        }
        let (_, path) = run.get_or_insert_with(|| (colour, BezPath::new()));
        path.move_to((a.0, a.1));
        path.line_to((b.0, b.1));
        path.line_to((c.0, c.1));
        path.close_path();
    }
    if let Some((c, path)) = run {
        fill(&mut ctx, c, &path);
    }
    ctx.flush();
    let mut pixmap = vello_cpu::Pixmap::new(w, h);
    ctx.render(&mut pixmap, &mut vello_cpu::Resources::new());
    Some(egui::ColorImage::from_rgba_premultiplied(
        size,
        pixmap.data_as_u8_slice(),
    ))
}

/// Fills a run of triangles in one colour (egui's colours are premultiplied).
fn fill(ctx: &mut vello_cpu::RenderContext, colour: Color32, path: &vello_cpu::kurbo::BezPath) {
    let [r, g, b, a] = colour.to_srgba_unmultiplied();
    ctx.set_paint(vello_cpu::color::AlphaColor::<vello_cpu::color::Srgb>::from_rgba8(r, g, b, a));
    ctx.fill_path(path);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(mesh: &mut egui::Mesh, [x0, y0, x1, y1]: [f32; 4], c: Color32) {
        let n = mesh.vertices.len() as u32;
        for (x, y) in [(x0, y0), (x1, y0), (x1, y1), (x0, y1)] {
            mesh.colored_vertex(Pos2::new(x, y), c);
        }
        mesh.add_triangle(n, n + 1, n + 2);
        mesh.add_triangle(n, n + 2, n + 3);
    }

    #[test]
    fn triangles_are_filled_in_order_with_their_colours_and_blended() {
        let mut mesh = egui::Mesh::default();
        square(&mut mesh, [0.0, 0.0, 10.0, 10.0], Color32::WHITE);
        // Half-transparent blue over the right half, twice (two runs of the same colour).
        let blue = Color32::from_rgba_unmultiplied(0, 0, 255, 128);
        square(&mut mesh, [5.0, 0.0, 10.0, 10.0], blue);
        // At two pixels a point, offset by one point: 16 × 16 pixels hold points 1..9.
        let image = paint(&mesh, Pos2::new(1.0, 1.0), 2.0, [16, 16]).unwrap();
        let at = |x: usize, y: usize| image.pixels[y * 16 + x].to_srgba_unmultiplied();
        assert_eq!(at(2, 8), [255, 255, 255, 255]);
        let [r, g, b, a] = at(12, 8);
        assert_eq!((b, a), (255, 255));
        assert!((126..=128).contains(&r) && r == g, "{r} {g}");
    }

    #[test]
    fn overlapping_triangles_of_opposite_turn_leave_no_hole() {
        let mut mesh = egui::Mesh::default();
        for p in [[0.0, 0.0], [10.0, 0.0], [0.0, 10.0], [10.0, 10.0]] {
            mesh.colored_vertex(Pos2::new(p[0], p[1]), Color32::BLACK);
        }
        // One turns clockwise, the other counter-clockwise; both cover the pixels at (3, 3) and
        // (1, 8), only the first (6, 1), only the second (7, 9).
        mesh.add_triangle(0, 1, 2);
        mesh.add_triangle(0, 2, 3);
        let image = paint(&mesh, Pos2::ZERO, 1.0, [10, 10]).unwrap();
        let at = |x: usize, y: usize| image.pixels[y * 10 + x];
        assert_eq!(at(3, 3), Color32::BLACK);
        assert_eq!(at(1, 8), Color32::BLACK);
        assert_eq!(at(6, 1), Color32::BLACK);
        assert_eq!(at(7, 9), Color32::BLACK);
    }

    static WANTED: std::sync::LazyLock<std::sync::Arc<()>> =
        std::sync::LazyLock::new(|| std::sync::Arc::new(()));

    fn job(mesh: egui::Mesh, window: Rect, view: Rect, max_side: usize) -> Job {
        Job {
            mesh: std::sync::Arc::new(mesh),
            pixels_per_point: 1.0,
            window,
            view,
            max_side,
            wanted: std::sync::Arc::downgrade(&WANTED),
        }
    }

    #[test]
    fn an_image_covers_what_is_drawn_on_whole_pixels_and_holds_the_window() {
        let mut mesh = egui::Mesh::default();
        square(&mut mesh, [100.5, 50.25, 300.0, 250.75], Color32::BLACK);
        let view = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(400.0, 300.0));
        let window = view.expand2(egui::vec2(400.0, 300.0));
        let painted = run(job(mesh, window, view, 8192)).unwrap();
        assert_eq!(
            painted.covers,
            Rect::from_min_max(Pos2::new(100.0, 50.0), Pos2::new(300.0, 251.0))
        );
        assert_eq!(painted.image.size, [200, 201]);
        assert_eq!((painted.holds, painted.holds_window), (window, true));
        // Half of the first column and a quarter of the first row are covered.
        let alpha = |x: usize, y: usize| painted.image.pixels[y * 200 + x].a();
        assert!((120..=136).contains(&alpha(0, 100)), "{}", alpha(0, 100));
        assert!((184..=200).contains(&alpha(100, 0)), "{}", alpha(100, 0));
        assert_eq!(alpha(100, 100), 255);
    }

    #[test]
    fn a_window_larger_than_a_texture_is_cut_around_the_view_and_a_larger_view_refused() {
        let mut mesh = egui::Mesh::default();
        square(
            &mut mesh,
            [-2000.0, -2000.0, 2000.0, 2000.0],
            Color32::BLACK,
        );
        let view = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(400.0, 300.0));
        let window = view.expand2(egui::vec2(400.0, 300.0));
        let painted = run(job(mesh.clone(), window, view, 1000)).unwrap();
        assert!(!painted.holds_window);
        assert!(painted.holds.contains_rect(view));
        assert_eq!(painted.holds.width(), 998.0);
        assert!(painted.image.size[0] <= 1000 && painted.image.size[1] <= 1000);
        assert!(run(job(mesh, window, view, 300)).is_none());
    }

    #[test]
    fn an_image_no_longer_wanted_is_not_painted() {
        let mut mesh = egui::Mesh::default();
        square(&mut mesh, [0.0, 0.0, 100.0, 100.0], Color32::BLACK);
        let view = Rect::from_min_max(Pos2::ZERO, Pos2::new(100.0, 100.0));
        let mut j = job(mesh, view, view, 8192);
        assert!(run(j.clone()).is_some());
        j.wanted = std::sync::Weak::new();
        assert!(run(j).is_none());
    }

    #[test]
    fn an_empty_size_gives_no_image() {
        assert!(paint(&egui::Mesh::default(), Pos2::ZERO, 1.0, [0, 10]).is_none());
    }
}

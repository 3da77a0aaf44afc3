//! Pictures for the demo newsroom, drawn here so the demo needs no
//! downloads: simple landscapes for hero images, initials for avatars and a
//! wordmark for the logo.

use image::{Rgb, RgbImage};
use rand::{Rng, rngs::StdRng};

pub const HERO_W: u32 = 1200;
pub const HERO_H: u32 = 675;

#[derive(Clone, Copy, Debug)]
pub enum Scene {
    Harbour,
    Skyline,
    WindFarm,
    SolarField,
    Railway,
    Coast,
    Hall,
}

impl Scene {
    pub const ALL: [Scene; 7] =
        [Scene::Harbour, Scene::Skyline, Scene::WindFarm, Scene::SolarField, Scene::Railway, Scene::Coast, Scene::Hall];

    /// Alt text and caption for a picture of this scene in `place`.
    pub fn words(self, place: &str) -> (String, String) {
        match self {
            Scene::Harbour => (
                format!("Container cranes on the quay at {place} against an evening sky"),
                format!("Cranes stand idle on the quay in {place} at the end of a shift."),
            ),
            Scene::Skyline => (
                format!("Apartment blocks and offices along the waterfront in {place}"),
                format!("The waterfront in {place}, where most of the new building has gone up in the past decade."),
            ),
            Scene::WindFarm => (
                format!("Wind turbines standing in the sea off {place}"),
                format!("Turbines of the offshore wind farm seen from the shore near {place}."),
            ),
            Scene::SolarField => (
                format!("Rows of solar panels across a valley floor near {place}"),
                format!("Solar panels cover former farmland near {place}."),
            ),
            Scene::Railway => (
                format!("A passenger train crossing a bridge near {place}"),
                format!("A morning service crosses the river bridge outside {place}."),
            ),
            Scene::Coast => (
                format!("Waves breaking below a lighthouse on the coast near {place}"),
                format!("The lighthouse at the harbour entrance in {place} during a westerly gale."),
            ),
            Scene::Hall => (
                format!("The columned front of a public building in {place}"),
                format!("The main entrance of the building in {place}, seen from the square."),
            ),
        }
    }
}

fn lerp(a: [u8; 3], b: [u8; 3], t: f32) -> Rgb<u8> {
    let m = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round().clamp(0.0, 255.0) as u8;
    Rgb([m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])])
}

fn rect(img: &mut RgbImage, x0: i64, y0: i64, x1: i64, y1: i64, c: Rgb<u8>) {
    let (w, h) = (i64::from(img.width()), i64::from(img.height()));
    for y in y0.max(0)..y1.min(h) {
        for x in x0.max(0)..x1.min(w) {
            img.put_pixel(x as u32, y as u32, c);
        }
    }
}

fn circle(img: &mut RgbImage, cx: i64, cy: i64, r: i64, c: Rgb<u8>) {
    for y in cy - r..=cy + r {
        for x in cx - r..=cx + r {
            if (x - cx).pow(2) + (y - cy).pow(2) <= r * r {
                rect(img, x, y, x + 1, y + 1, c);
            }
        }
    }
}

fn line(img: &mut RgbImage, (x0, y0): (f32, f32), (x1, y1): (f32, f32), width: i64, c: Rgb<u8>) {
    let steps = ((x1 - x0).abs().max((y1 - y0).abs()) as i64).max(1);
    for i in 0..=steps {
        let t = i as f32 / steps as f32;
        let (x, y) = ((x0 + (x1 - x0) * t) as i64, (y0 + (y1 - y0) * t) as i64);
        rect(img, x - width / 2, y - width / 2, x + width / 2 + 1, y + width / 2 + 1, c);
    }
}

/// Draws one landscape. Deterministic for a given random state.
pub fn hero(scene: Scene, rng: &mut StdRng) -> RgbImage {
    let palettes: [([u8; 3], [u8; 3]); 4] = [
        ([32, 48, 92], [236, 148, 92]),    // dusk
        ([86, 140, 196], [206, 226, 240]), // clear day
        ([70, 78, 92], [168, 176, 186]),   // overcast
        ([22, 30, 58], [120, 96, 150]),    // night
    ];
    let (top, bottom) = palettes[rng.random_range(0..palettes.len())];
    let mut img = RgbImage::new(HERO_W, HERO_H);
    let horizon = rng.random_range(380..470) as i64;
    for y in 0..HERO_H {
        let t = (y as f32 / horizon as f32).min(1.0);
        let c = lerp(top, bottom, t);
        for x in 0..HERO_W {
            img.put_pixel(x, y, c);
        }
    }
    let sun = lerp(bottom, [255, 240, 200], 0.7);
    circle(&mut img, rng.random_range(150..1050), rng.random_range(90..260), rng.random_range(30..60), sun);
    let dark = lerp(top, [10, 12, 20], 0.6);
    let water = lerp(top, [20, 60, 90], 0.5);
    let land = lerp([60, 90, 50], top, 0.3);
    let h = i64::from(HERO_H);
    match scene {
        Scene::Harbour | Scene::Coast | Scene::WindFarm => {
            for y in horizon..h {
                let t = (y - horizon) as f32 / (h - horizon) as f32;
                rect(&mut img, 0, y, i64::from(HERO_W), y + 1, lerp(water.0, [8, 20, 36], t));
            }
            for _ in 0..60 {
                let (x, y) = (rng.random_range(0..1200), rng.random_range(horizon + 10..h));
                rect(&mut img, x, y, x + rng.random_range(20..90), y + 2, lerp(water.0, bottom, 0.35));
            }
        }
        _ => rect(&mut img, 0, horizon, i64::from(HERO_W), h, land),
    }
    match scene {
        Scene::Harbour => {
            let quay = horizon + 40;
            rect(&mut img, 0, quay, 1200, quay + 30, dark);
            for i in 0..rng.random_range(3..6) {
                let x = 120 + i * rng.random_range(180..240);
                let top_y = rng.random_range(120..200);
                rect(&mut img, x, top_y, x + 14, quay, dark);
                rect(&mut img, x + 60, top_y, x + 74, quay, dark);
                rect(&mut img, x - 80, top_y, x + 190, top_y + 16, dark);
                line(&mut img, (x as f32 + 7.0, top_y as f32), (x as f32 + 67.0, top_y as f32 - 60.0), 6, dark);
            }
            for i in 0..14 {
                let c = [[170, 60, 50], [50, 100, 150], [200, 160, 60], [70, 120, 80]][i % 4];
                let x = 40 + i as i64 * 82;
                rect(&mut img, x, quay - 44, x + 76, quay - 2, lerp(c, top, 0.25));
            }
        }
        Scene::Skyline => {
            let mut x = 0;
            while x < 1200 {
                let w = rng.random_range(50..130);
                let bh = rng.random_range(80..320);
                let c = lerp(dark.0, top, rng.random_range(0.0..0.35));
                rect(&mut img, x, horizon - bh, x + w, horizon + 20, c);
                for wy in (horizon - bh + 12..horizon).step_by(22) {
                    for wx in (x + 8..x + w - 8).step_by(18) {
                        if rng.random_bool(0.4) {
                            rect(&mut img, wx, wy, wx + 8, wy + 10, lerp([250, 220, 150], c.0, 0.3));
                        }
                    }
                }
                x += w + rng.random_range(0..12);
            }
            rect(&mut img, 0, horizon + 20, 1200, h, lerp(water.0, [10, 20, 30], 0.3));
        }
        Scene::WindFarm => {
            for i in 0..rng.random_range(5..9) {
                let x = 80 + i * rng.random_range(120..160);
                let scale = rng.random_range(0.5..1.0);
                let hub_y = horizon as f32 - 260.0 * scale;
                let pale = lerp([235, 238, 240], top, 0.2);
                line(&mut img, (x as f32, horizon as f32), (x as f32, hub_y), (6.0 * scale) as i64 + 2, pale);
                let a0: f32 = rng.random_range(0.0..2.1);
                for k in 0..3 {
                    let a = a0 + k as f32 * 2.094;
                    let len = 110.0 * scale;
                    line(&mut img, (x as f32, hub_y), (x as f32 + a.cos() * len, hub_y + a.sin() * len), 3, pale);
                }
            }
        }
        Scene::SolarField => {
            for row in 0..9 {
                let y = horizon + 20 + row * 28;
                let depth = row as f32 / 9.0;
                let panel = lerp([30, 50, 90], [70, 100, 150], depth);
                let mut x = -(row * 13) % 60;
                while x < 1200 {
                    rect(&mut img, x, y, x + 50 + row * 4, y + 14 + row, panel);
                    x += 60 + row * 5;
                }
            }
        }
        Scene::Railway => {
            let deck = horizon - 30;
            rect(&mut img, 0, deck, 1200, deck + 16, dark);
            for i in 0..8 {
                let x = i * 160 + 40;
                rect(&mut img, x, deck + 16, x + 22, h, dark);
            }
            let start = rng.random_range(80..400);
            let body = lerp([190, 40, 40], top, 0.2);
            for car in 0..4 {
                let x = start + car * 170;
                rect(&mut img, x, deck - 52, x + 160, deck - 4, body);
                for wx in (x + 12..x + 150).step_by(30) {
                    rect(&mut img, wx, deck - 44, wx + 18, deck - 30, lerp([220, 230, 240], body.0, 0.2));
                }
            }
        }
        Scene::Coast => {
            let x = rng.random_range(700..1000);
            rect(&mut img, x - 120, horizon - 30, x + 260, horizon + 40, dark);
            rect(&mut img, x, horizon - 220, x + 44, horizon - 30, lerp([240, 240, 235], top, 0.15));
            rect(&mut img, x, horizon - 160, x + 44, horizon - 136, lerp([200, 40, 40], top, 0.15));
            rect(&mut img, x - 6, horizon - 246, x + 50, horizon - 220, dark);
            circle(&mut img, x + 22, horizon - 232, 10, Rgb([255, 236, 160]));
        }
        Scene::Hall => {
            let (x0, x1) = (240, 960);
            let stone = lerp([214, 206, 190], top, 0.2);
            rect(&mut img, x0 - 30, horizon - 30, x1 + 30, horizon + 10, stone);
            rect(&mut img, x0, horizon - 300, x1, horizon - 260, stone);
            for i in 0..8 {
                let x = x0 + 20 + i * 90;
                rect(&mut img, x, horizon - 260, x + 34, horizon - 30, stone);
            }
            for k in 0..60 {
                let w = (x1 - x0) * (60 - k) / 60;
                let cx = (x0 + x1) / 2;
                rect(&mut img, cx - w / 2, horizon - 300 - k * 2, cx + w / 2, horizon - 298 - k * 2, stone);
            }
        }
    }
    img
}

/// A round avatar with the person's initials.
pub fn avatar_svg(name: &str, colour: &str) -> String {
    let initials: String = name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"240\" height=\"240\" viewBox=\"0 0 240 240\">\
         <circle cx=\"120\" cy=\"120\" r=\"120\" fill=\"{colour}\"/>\
         <text x=\"120\" y=\"150\" text-anchor=\"middle\" font-family=\"Georgia, 'Times New Roman', serif\" \
         font-size=\"96\" fill=\"#ffffff\">{initials}</text></svg>"
    )
}

/// The full wordmark and the compact mark of the demo outlet.
pub fn logos(name: &str) -> (String, String) {
    let mark = "<rect x=\"0\" y=\"0\" width=\"64\" height=\"64\" rx=\"8\" fill=\"#0b3d5c\"/>\
                <path d=\"M12 46 L52 46 M18 46 L18 22 L46 22 L46 46 M24 22 L32 12 L40 22\" stroke=\"#ffffff\" \
                stroke-width=\"5\" fill=\"none\" stroke-linejoin=\"round\"/>";
    let full = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"360\" height=\"64\" viewBox=\"0 0 360 64\">{mark}\
         <text x=\"78\" y=\"44\" font-family=\"Georgia, 'Times New Roman', serif\" font-size=\"30\" \
         font-weight=\"bold\" fill=\"#0b3d5c\">{name}</text></svg>"
    );
    let short = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">{mark}</svg>"
    );
    (full, short)
}

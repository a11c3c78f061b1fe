#!/usr/bin/env python3
"""Derives the boundary files the dashboard ships from their sources (see ../SOURCES.md); not run by the product.

  prepare.py SOURCE_DIR        SOURCE_DIR holds vn_provinces_34p_2025_odv_merged.geojson and vn_communes_34p_2026_s5.geojson

1. The 34 provinces: simplified with mapshaper 0.6.121 first (npx --yes mapshaper@0.6.121 vn_provinces_34p_2025_odv_merged.geojson
   -simplify 10% keep-shapes -o precision=0.0001 p34.json), then given their GSO codes by name (the source has its own
   VN01..VN34 codes): 'Tỉnh'/'Thành phố'/'TP' dropped, diacritics folded, 'HCM' read as Hồ Chí Minh.
2. The 3,321 communes of 2025, one file per province (communes_34p/<province_code>.geojson): coordinates rounded to
   4 decimals (about 11 m); the two communes whose geometry carries another code than the 2025 list get the list's code.
Every name is the 2025 list's, NFC, whitespace collapsed.
"""
import csv, json, os, re, subprocess, sys, unicodedata

here = os.path.dirname(os.path.abspath(__file__))
src = sys.argv[1]
LIST = os.path.join(here, '..', 'vn_admin_units_34p_2025-07-01.csv')
RECODE = {'06978': '06970', '23938': '23737'}  # geometry code -> 2025 list code (same name)


def nfc(s):
    return re.sub(r'\s+', ' ', unicodedata.normalize('NFC', s)).strip()


def fold(s):
    s = unicodedata.normalize('NFD', s.strip())
    s = ''.join(ch for ch in s if unicodedata.category(ch) != 'Mn').replace('đ', 'd').replace('Đ', 'D').lower()
    return re.sub(r'^(tinh|thanh pho|tp)\s+', '', s)


def rnd(c):
    return [rnd(x) for x in c] if isinstance(c[0], list) else [round(c[0], 4), round(c[1], 4)]


def dump(obj, path):
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(obj, f, ensure_ascii=False, separators=(',', ':'))
        f.write('\n')


provinces, communes = {}, {}
for r in csv.DictReader(open(LIST, encoding='utf-8')):
    provinces[r['province_code']] = nfc(r['province_name'])
    communes[r['commune_code']] = (r['province_code'], nfc(r['commune_name']))

tmp = os.path.join(here, 'p34.tmp.json')
subprocess.run(['npx', '--yes', 'mapshaper@0.6.121', os.path.join(src, 'vn_provinces_34p_2025_odv_merged.geojson'),
                '-simplify', '10%', 'keep-shapes', '-o', 'precision=0.0001', tmp], check=True)
byname = {fold(n): c for c, n in provinces.items()}
byname['hcm'] = byname['ho chi minh']
features = []
for f in json.load(open(tmp, encoding='utf-8'))['features']:
    code = byname[fold(f['properties']['ten_tinh'])]
    features.append({'type': 'Feature', 'properties': {'province_code': code, 'name': provinces[code]},
                     'geometry': f['geometry']})
os.remove(tmp)
assert sorted(f['properties']['province_code'] for f in features) == sorted(provinces), 'not the 34 provinces'
features.sort(key=lambda f: f['properties']['province_code'])
dump({'type': 'FeatureCollection', 'features': features}, os.path.join(here, 'vn_provinces_34p.geojson'))

by_province = {}
for f in json.load(open(os.path.join(src, 'vn_communes_34p_2026_s5.geojson'), encoding='utf-8'))['features']:
    code = RECODE.get(f['properties']['commune_code'], f['properties']['commune_code'])
    province, name = communes[code]
    g = f['geometry']
    by_province.setdefault(province, []).append({'type': 'Feature', 'properties': {
        'province_code': province, 'commune_code': code, 'name': name},
        'geometry': {'type': g['type'], 'coordinates': rnd(g['coordinates'])}})
out = os.path.join(here, 'communes_34p')
os.makedirs(out, exist_ok=True)
seen = set()
for province, fs in sorted(by_province.items()):
    fs.sort(key=lambda f: f['properties']['commune_code'])
    seen.update(f['properties']['commune_code'] for f in fs)
    dump({'type': 'FeatureCollection', 'features': fs}, os.path.join(out, province + '.geojson'))
assert seen == set(communes), 'communes without geometry: %s' % sorted(set(communes) - seen)[:10]
print('34 provinces,', len(seen), 'communes in', len(by_province), 'files')

-- The home page's offline member search (search.json, fetched by the browser): one
-- [member_id, name, department name] triple per roster member, nothing else.
SELECT coalesce(to_json(list(json_array(m.member_id, m.name, d.name) ORDER BY m.member_id)), '[]')::VARCHAR AS doc
FROM members m
LEFT JOIN departments d ON d.dept_id = m.dept_id;

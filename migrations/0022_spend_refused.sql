-- The spend's write runs as one statement with no transaction around it: when any of its parts
-- refuses (a cap, a closed period, the client's row moved since the checks), this aborts the whole
-- statement, so nothing it moved stays moved. The reason travels in the error's message.
CREATE FUNCTION spend_refused(reason text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION 'spend-refused: %', reason USING ERRCODE = 'P0001';
END
$$;

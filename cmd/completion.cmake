# Writes the completion scripts of the hlpb binary HLPB into the folder DIR, for cmake -P at
# build time: DIR/hlpb (bash), DIR/_hlpb (zsh), DIR/hlpb.fish.
file(MAKE_DIRECTORY ${DIR})
foreach(pair "bash;hlpb" "zsh;_hlpb" "fish;hlpb.fish")
  list(GET pair 0 shell)
  list(GET pair 1 name)
  execute_process(COMMAND ${HLPB} completion ${shell} OUTPUT_FILE ${DIR}/${name}.tmp
                  RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "hlpb completion ${shell} failed (${status})")
  endif()
  file(RENAME ${DIR}/${name}.tmp ${DIR}/${name})
endforeach()
